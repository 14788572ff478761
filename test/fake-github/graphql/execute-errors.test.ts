// GitHub's error behaviour: argument errors, NOT_FOUND with partial data,
// validation errors without data, the node limit, the point budget, the
// simulated timeout, and what rateLimit reports.
import { describe, expect, it } from "vitest";
import { timeoutMessage } from "../../../fake-github/graphql/execute.js";
import { addRepo, addToken, addUser } from "../../../fake-github/store/create-store.js";
import { at, makeEnv, repoArgs, run } from "./helpers.js";

describe("GraphQL errors", () => {
  const env = makeEnv("small");
  const repo = env.ds.repo;
  const issue = [...repo.issues.values()].find((i) => !i.pull);
  const pr = [...repo.issues.values()].find((i) => i.pull);
  if (!issue || !pr) throw new Error("dataset lacks issues or PRs");

  it("requires first or last on a connection", async () => {
    const res = await run(env, `{ repository(${repoArgs}) { name issues { totalCount } } }`);
    expect(res.status).toBe(200);
    // IssueConnection! is non-null, so the null propagates to the repository, as on GitHub.
    expect(res.body).toEqual({
      data: { repository: null },
      errors: [
        {
          type: "MISSING_PAGINATION_BOUNDARIES",
          path: ["repository", "issues"],
          locations: [{ line: 1, column: 56 }],
          message: "You must provide a `first` or `last` value to properly paginate the `issues` connection.",
        },
      ],
    });
  });

  it("refuses more than 100 records per page", async () => {
    const res = await run(env, `{ repository(${repoArgs}) { name labels(first: 101) { totalCount } } }`);
    // LabelConnection is nullable: only the connection is null.
    expect(res.body.data).toEqual({ repository: { name: "sample", labels: null } });
    expect(res.body.errors).toMatchObject([
      {
        type: "EXCESSIVE_PAGINATION",
        path: ["repository", "labels"],
        message:
          "Requesting 101 records on the `labels` connection exceeds the `first` limit of 100 records.",
      },
    ]);
  });

  it("answers NOT_FOUND with partial data for a PR number or an unknown number", async () => {
    const res = await run(
      env,
      `{ repository(${repoArgs}) {
          name
          asIssue: issue(number: ${pr.number}) { title }
          missing: issue(number: 99999) { title }
          asPr: pullRequest(number: ${issue.number}) { title }
          either: issueOrPullRequest(number: 99998) { __typename }
          found: issueOrPullRequest(number: ${pr.number}) { __typename ... on PullRequest { number } }
        } }`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      repository: {
        name: "sample",
        asIssue: null,
        missing: null,
        asPr: null,
        either: null,
        found: { __typename: "PullRequest", number: pr.number },
      },
    });
    expect(res.body.errors?.map(({ type, path, message }) => ({ type, path, message }))).toEqual([
      {
        type: "NOT_FOUND",
        path: ["repository", "asIssue"],
        message: `Could not resolve to an Issue with the number of ${pr.number}.`,
      },
      {
        type: "NOT_FOUND",
        path: ["repository", "missing"],
        message: "Could not resolve to an Issue with the number of 99999.",
      },
      {
        type: "NOT_FOUND",
        path: ["repository", "asPr"],
        message: `Could not resolve to a PullRequest with the number of ${issue.number}.`,
      },
      {
        type: "NOT_FOUND",
        path: ["repository", "either"],
        message: "Could not resolve to an issue or pull request with the number of 99998.",
      },
    ]);
  });

  it("answers NOT_FOUND for a missing repository and for unknown node ids", async () => {
    const res = await run(
      env,
      `query($ids: [ID!]!) { repository(owner: "octo-org", name: "nope") { name } nodes(ids: $ids) { id } }`,
      { ids: [issue.node_id, "I_kwDOnope"] },
    );
    expect(res.body.data).toEqual({ repository: null, nodes: [{ id: issue.node_id }, null] });
    expect(res.body.errors).toMatchObject([
      {
        type: "NOT_FOUND",
        path: ["repository"],
        message: "Could not resolve to a Repository with the name 'octo-org/nope'.",
      },
      {
        type: "NOT_FOUND",
        path: ["nodes", 1],
        message: "Could not resolve to a node with the global id of 'I_kwDOnope'",
      },
    ]);
  });

  it("hides private repositories from tokens that may not read them", async () => {
    const hidden = addRepo(env.store, "octo-org", "secret", { private: true });
    const outsider = addUser(env.store, "outsider");
    const outsiderToken = addToken(env.store, "ghp_outsider_token_for_tests_only_00000", {
      userId: outsider.id,
      read: ["octo-org/sample"],
    });
    const as = { viewer: outsider, token: outsiderToken };
    const res = await run(
      env,
      `query($id: ID!) { repository(owner: "octo-org", name: "secret") { id } node(id: $id) { id } }`,
      { id: hidden.node_id },
      as,
    );
    expect(res.body.data).toEqual({ repository: null, node: null });
    expect(res.body.errors?.map((e) => e.type)).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    const admin = await run(
      env,
      `{ repository(owner: "octo-org", name: "secret") { isPrivate visibility } }`,
    );
    expect(admin.body.data).toEqual({ repository: { isPrivate: true, visibility: "PRIVATE" } });
  });

  it("answers validation and syntax errors with 200 and no data, charging nothing", async () => {
    const before = env.budget.used;
    const unknownField = await run(env, `{ repository(${repoArgs}) { nosuch } }`);
    expect(unknownField.status).toBe(200);
    expect(unknownField.body).toEqual({
      errors: [
        {
          extensions: { code: "undefinedField", typeName: "Repository", fieldName: "nosuch" },
          locations: [{ line: 1, column: 51 }],
          message: "Field 'nosuch' doesn't exist on type 'Repository'",
        },
      ],
    });
    const missingArg = await run(env, `{ repository(owner: "o") { name } }`);
    expect(missingArg.body.errors?.[0]?.message).toBe(
      "Field 'repository' is missing required arguments: name",
    );
    const syntax = await run(env, `{ repository(`);
    expect(syntax.body.data).toBeUndefined();
    expect(syntax.body.errors?.[0]?.message).toMatch(/^Parse error: .* at \[1, 14\]$/);
    const badVariable = await run(env, `query($n: Int!) { viewer { login } }`, {});
    expect(badVariable.body.data).toBeUndefined();
    expect(badVariable.body.errors).toHaveLength(1);
    expect(env.budget.used).toBe(before);
  });

  it("rejects queries over 500,000 nodes with MAX_NODE_LIMIT_EXCEEDED", async () => {
    const before = env.budget.used;
    const res = await run(
      env,
      `{ repository(${repoArgs}) { pullRequests(first: 100) { nodes {
          reviews(first: 100) { nodes { comments(first: 100) { nodes { body } } } } } } } }`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      errors: [
        {
          type: "MAX_NODE_LIMIT_EXCEEDED",
          message:
            "This query requests up to 1,010,100 possible nodes which exceeds the maximum limit of 500,000.",
        },
      ],
    });
    expect(env.budget.used).toBe(before);
  });
});

describe("GraphQL rate limit", () => {
  it("charges the formula's cost and reports it in rateLimit", async () => {
    const env = makeEnv("small");
    const res = await run(
      env,
      `{ rateLimit { cost limit remaining used resetAt nodeCount }
         repository(${repoArgs}) { issues(first: 100) { nodes {
           comments(first: 100) { totalCount } labels(first: 100) { totalCount } } } } }`,
    );
    // 1 + 100 + 100 = 201 requests → 2 points; nodes 100 + 10,000 + 10,000.
    expect(env.charges).toEqual([2]);
    expect(at(res.body.data, "rateLimit")).toEqual({
      cost: 2,
      limit: 5000,
      remaining: 4998,
      used: 2,
      resetAt: "2026-01-01T01:00:00Z",
      nodeCount: 20_100,
    });
    expect(res.headers).toMatchObject({
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-resource": "graphql",
      "x-ratelimit-remaining": "4998",
    });
  });

  it("answers RATE_LIMITED once the budget is spent", async () => {
    const env = makeEnv("small", 1, 3);
    const query = `{ repository(${repoArgs}) { issues(first: 100) { nodes { comments(first: 100) { totalCount } labels(first: 100) { totalCount } } } } }`;
    expect((await run(env, query)).body.errors).toBeUndefined();
    const refused = await run(env, query);
    expect(refused.status).toBe(200);
    expect(refused.body).toEqual({
      errors: [
        { type: "RATE_LIMITED", message: `API rate limit exceeded for user ID ${env.ds.tokenUser.id}.` },
      ],
    });
    expect(refused.headers).toMatchObject({
      "x-ratelimit-remaining": "1",
      "x-ratelimit-resource": "graphql",
    });
    // A cheaper query still fits what is left.
    expect((await run(env, `{ viewer { login } }`)).body.data).toEqual({ viewer: { login: "octo-admin" } });
  });

  it("does not charge rateLimit(dryRun: true)", async () => {
    const env = makeEnv("small");
    const res = await run(
      env,
      `{ rateLimit(dryRun: true) { cost nodeCount } repository(${repoArgs}) { issues(first: 100) { totalCount } } }`,
    );
    expect(env.charges).toEqual([0]);
    expect(res.body.data).toEqual({ rateLimit: { cost: 1, nodeCount: 100 }, repository: null });
  });

  it("times out queries above the configured node count with 502", async () => {
    const env = makeEnv("small");
    env.timeoutAbove = 5_000;
    const big = await run(
      env,
      `{ repository(${repoArgs}) { issues(first: 100) { nodes { comments(first: 50) { totalCount } } } } }`,
    );
    expect(big.status).toBe(502);
    expect(big.body).toEqual({ message: timeoutMessage });
    expect(timeoutMessage).toMatch(/^We couldn't respond to your request in time/);
    const small = await run(
      env,
      `{ repository(${repoArgs}) { issues(first: 50) { nodes { comments(first: 50) { totalCount } } } } }`,
    );
    expect(small.status).toBe(200);
  });
});

describe("aliased lookups", () => {
  const env = makeEnv("medium");
  const repo = env.ds.repo;

  it("fetches 100 issueOrPullRequest(number:) at once for one point", async () => {
    const numbers = Array.from({ length: 100 }, (_, i) => i + 1);
    const fields = numbers
      .map(
        (n) => `n${n}: issueOrPullRequest(number: ${n}) {
          __typename
          ... on Issue { number databaseId title }
          ... on PullRequest { number databaseId title headRefName }
        }`,
      )
      .join("\n");
    const res = await run(env, `{ rateLimit { cost nodeCount } repository(${repoArgs}) { ${fields} } }`);
    expect(res.body.errors).toBeUndefined();
    expect(at(res.body.data, "rateLimit")).toEqual({ cost: 1, nodeCount: 0 });
    for (const n of numbers) {
      const item = repo.issues.get(n);
      expect(at(res.body.data, `repository.n${n}`)).toMatchObject({
        __typename: item?.pull ? "PullRequest" : "Issue",
        number: n,
        databaseId: item?.pull ? item.pull.id : item?.id,
        title: item?.title,
      });
    }
  });

  it("costs each alias's connections by the formula", async () => {
    const fields = Array.from(
      { length: 100 },
      (_, i) => `n${i + 1}: issueOrPullRequest(number: ${i + 1}) {
        ... on Issue { comments(first: 100) { totalCount } labels(first: 100) { totalCount } }
        ... on PullRequest { comments(first: 100) { totalCount } } }`,
    ).join("\n");
    const res = await run(env, `{ rateLimit { cost } repository(${repoArgs}) { ${fields} } }`);
    // Per alias: Issue comments + labels + PullRequest comments = 3 requests; 300 / 100 = 3 points.
    expect(at(res.body.data, "rateLimit.cost")).toBe(3);
    expect(env.charges.at(-1)).toBe(3);
  });
});
