// The GraphQL endpoint through the real fake server and Octokit's GraphQL
// client: data, GitHub's error shapes, the point budget, and the timeout knob.
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/server.js";

let fake: FakeGitHub;
let octokit: Octokit;

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "medium", seed: 2 });
  octokit = new Octokit({ auth: fake.token, baseUrl: fake.url });
});
afterAll(() => fake.close());
beforeEach(() => fake.configure({ rateLimit: null, graphqlMaxNodesBeforeTimeout: null }));

const repoArgs = `owner: "octo-org", name: "sample"`;

interface GraphqlFailure {
  name: string;
  errors?: Array<{ type?: string; path?: unknown[]; message: string }>;
  data?: unknown;
  headers?: Record<string, string>;
  status?: number;
  response?: { data?: unknown; headers?: Record<string, string> };
}

async function failure(promise: Promise<unknown>): Promise<GraphqlFailure> {
  try {
    await promise;
  } catch (error) {
    return error as GraphqlFailure;
  }
  throw new Error("expected the request to fail");
}

describe("POST /graphql", () => {
  it("answers a nested query with GitHub's headers", async () => {
    const response = await octokit.request("POST /graphql", {
      query: `{ rateLimit { cost remaining } repository(${repoArgs}) {
        issues(first: 5, orderBy: {field: CREATED_AT, direction: ASC}) {
          totalCount nodes { number comments(first: 3) { totalCount } } } } }`,
    });
    expect(response.status).toBe(200);
    expect(response.headers["x-ratelimit-resource"]).toBe("graphql");
    expect(String(response.headers["content-type"])).toMatch(/^application\/json/);
    const body = response.data as {
      data: { repository: { issues: { totalCount: number; nodes: unknown[] } } };
    };
    const issues = [...(fake.dataset?.repo.issues.values() ?? [])].filter((i) => !i.pull);
    expect(body.data.repository.issues.totalCount).toBe(issues.length);
    expect(body.data.repository.issues.nodes).toHaveLength(5);
  });

  it("fetches 100 aliased issueOrPullRequest lookups for one point", async () => {
    fake.configure({ rateLimit: { graphqlLimit: 5000 } });
    const fields = Array.from(
      { length: 100 },
      (_, i) =>
        `n${i + 1}: issueOrPullRequest(number: ${i + 1}) { __typename ... on Issue { number } ... on PullRequest { number } }`,
    ).join("\n");
    const response = await octokit.request("POST /graphql", {
      query: `{ rateLimit { cost remaining used } repository(${repoArgs}) { ${fields} } }`,
    });
    const body = response.data as {
      data: { rateLimit: unknown; repository: Record<string, { number: number }> };
    };
    expect(body.data.rateLimit).toEqual({ cost: 1, remaining: 4999, used: 1 });
    expect(Object.values(body.data.repository).map((item) => item.number)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    expect(response.headers["x-ratelimit-remaining"]).toBe("4999");
  });

  it("rejects a page of 101 with EXCESSIVE_PAGINATION and partial data", async () => {
    const error = await failure(
      octokit.graphql(`{ viewer { login } repository(${repoArgs}) { issues(first: 101) { totalCount } } }`),
    );
    expect(error.name).toBe("GraphqlResponseError");
    expect(error.data).toEqual({ viewer: { login: "octo-admin" }, repository: null });
    expect(error.errors).toMatchObject([
      {
        type: "EXCESSIVE_PAGINATION",
        path: ["repository", "issues"],
        message:
          "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.",
      },
    ]);
  });

  it("answers NOT_FOUND with partial data", async () => {
    const error = await failure(
      octokit.graphql(`query($n: Int!) { repository(${repoArgs}) { name issue(number: $n) { title } } }`, {
        n: 987654,
      }),
    );
    expect(error.data).toEqual({ repository: { name: "sample", issue: null } });
    expect(error.errors).toMatchObject([
      {
        type: "NOT_FOUND",
        path: ["repository", "issue"],
        message: "Could not resolve to an Issue with the number of 987654.",
      },
    ]);
  });

  it("refuses a query over the node limit", async () => {
    const error = await failure(
      octokit.graphql(`{ repository(${repoArgs}) { pullRequests(first: 100) { nodes {
        reviewThreads(first: 100) { nodes { comments(first: 100) { totalCount } } } } } } }`),
    );
    expect(error.errors?.[0]?.type).toBe("MAX_NODE_LIMIT_EXCEEDED");
    expect(error.data).toBeUndefined();
  });

  it("answers RATE_LIMITED with 200 once the points are spent", async () => {
    fake.configure({ rateLimit: { graphqlLimit: 3 } });
    const query = `{ repository(${repoArgs}) { issues(first: 100) { nodes {
      comments(first: 100) { totalCount } labels(first: 100) { totalCount } } } } }`;
    await octokit.graphql(query);
    const response = await octokit.request("POST /graphql", { query });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      errors: [
        {
          type: "RATE_LIMITED",
          message: `API rate limit exceeded for user ID ${fake.dataset?.tokenUser.id}.`,
        },
      ],
    });
    expect(response.headers["x-ratelimit-remaining"]).toBe("1");
    expect(response.headers["x-ratelimit-used"]).toBe("2");
    const error = await failure(octokit.graphql(query));
    expect(error.errors?.[0]?.type).toBe("RATE_LIMITED");
  });

  it("times out big queries with 502 when the knob is set", async () => {
    fake.configure({ graphqlMaxNodesBeforeTimeout: 2_000 });
    const error = await failure(
      octokit.graphql(
        `{ repository(${repoArgs}) { issues(first: 100) { nodes { comments(first: 50) { totalCount } } } } }`,
      ),
    );
    expect(error.status).toBe(502);
    expect(error.response?.data).toMatchObject({ message: expect.stringMatching(/^We couldn't respond/) });
    const ok = await octokit.graphql<{ repository: { issues: { nodes: unknown[] } } }>(
      `{ repository(${repoArgs}) { issues(first: 10) { nodes { comments(first: 10) { totalCount } } } } }`,
    );
    expect(ok.repository.issues.nodes).toHaveLength(10);
  });

  it("answers validation errors with 200 and no data", async () => {
    const response = await octokit.request("POST /graphql", {
      query: `{ repository(${repoArgs}) { stars } }`,
    });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      errors: [
        {
          extensions: { code: "undefinedField", typeName: "Repository", fieldName: "stars" },
          locations: [{ line: 1, column: 51 }],
          message: "Field 'stars' doesn't exist on type 'Repository'",
        },
      ],
    });
  });

  it("requires authentication", async () => {
    const anonymous = new Octokit({ baseUrl: fake.url });
    const error = await failure(anonymous.graphql(`{ viewer { login } }`));
    expect(error.status).toBe(401);
  });

  it("is also served at the GitHub Enterprise Server path /api/graphql", async () => {
    const ghes = new Octokit({ auth: fake.token, baseUrl: `${fake.url}/api/v3` });
    const data = await ghes.graphql<{ viewer: { login: string } }>(`{ viewer { login } }`);
    expect(data.viewer.login).toBe("octo-admin");
  });
});
