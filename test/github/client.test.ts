// The client's wiring (headers, URLs, git auth), GraphQL partial data, error
// descriptions, and that the token never leaks into logs or messages.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createGitHubClient, deriveGraphqlUrl } from "../../src/github/client.js";
import { describeGitHubError, isAuthError, isForbidden, isNotFound } from "../../src/github/errors.js";
import { GitHubGraphQLError, graphqlQuery, isGraphQLTimeout } from "../../src/github/graphql.js";
import type { LogFields, Logger } from "../../src/util/logger.js";
import { createRedactor, redactHeaders } from "../../src/util/redact.js";
import { TEST_TOKEN, testClient } from "./helpers/clients.js";
import { type ScriptServer, startScriptServer } from "./helpers/script-server.js";

let server: ScriptServer;

beforeAll(async () => {
  server = await startScriptServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  server.setHandler(() => ({ body: {} }));
});

function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const write = (level: string) => (message: string, fields?: LogFields) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, debug: write("debug"), info: write("info"), warn: write("warn"), error: write("error") };
}

describe("createGitHubClient", () => {
  it("sends the token as auth, the API version and a user agent", async () => {
    const client = testClient(server.url);
    await client.octokit.request("GET /user");
    const headers = server.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe(`token ${TEST_TOKEN}`);
    expect(headers["x-github-api-version"]).toBe("2022-11-28");
    expect(headers["user-agent"]).toMatch(/^github-data/);
  });

  it("derives the GraphQL URL for github.com and GitHub Enterprise Server", () => {
    expect(deriveGraphqlUrl("https://api.github.com")).toBe("https://api.github.com/graphql");
    expect(deriveGraphqlUrl("https://ghe.example.com/api/v3/")).toBe("https://ghe.example.com/api/graphql");
    const client = createGitHubClient({ token: "t0ken" });
    expect(client.apiUrl).toBe("https://api.github.com");
    expect(client.graphqlUrl).toBe("https://api.github.com/graphql");
  });

  it("uses an /api/v3 base for REST and /api/graphql for GraphQL", async () => {
    server.setHandler(() => ({ body: { data: { ok: 1 } } }));
    const client = testClient(`${server.url}/api/v3`);
    await client.octokit.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" });
    await client.octokit.graphql("query { ok }");
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /api/v3/repos/o/r",
      "POST /api/graphql",
    ]);
  });

  it("posts GraphQL to an explicitly configured endpoint", async () => {
    server.setHandler(() => ({ body: { data: { ok: 1 } } }));
    const client = testClient(server.url, { graphqlUrl: `${server.url}/elsewhere/graphql` });
    expect(client.graphqlUrl).toBe(`${server.url}/elsewhere/graphql`);
    await client.octokit.graphql("query { ok }");
    expect(server.requests.map((r) => r.path)).toEqual(["/elsewhere/graphql"]);
    expect(client.stats().byRoute).toEqual({ "POST /graphql": 1 });
  });

  it("builds git's Authorization header from the token", () => {
    const client = testClient(server.url);
    const expected = Buffer.from(`x-access-token:${TEST_TOKEN}`).toString("base64");
    expect(client.gitAuthHeader()).toBe(`Authorization: Basic ${expected}`);
    expect(client.redact(client.gitAuthHeader())).toBe("Authorization: Basic ***");
  });

  it("keeps the token out of logs and error descriptions", async () => {
    // A hostile server echoing the credential back in its error message.
    server.setHandler((req) => ({
      status: req.index === 0 ? 502 : 403,
      body: { message: `bad credentials ${req.headers.authorization}` },
    }));
    const log = memoryLogger();
    const client = testClient(server.url, { log });
    const error = await client.octokit
      .request("GET /repos/{o}/{r}", { o: "a", r: "b" })
      .catch((e: unknown) => e);
    const line = describeGitHubError(error, client.redact);
    expect(line).toBe("403 GET /repos/a/b: bad credentials token ***");
    expect(log.lines.length).toBeGreaterThan(0);
    for (const text of [...log.lines, line]) expect(text).not.toContain(TEST_TOKEN);
  });
});

describe("graphqlQuery", () => {
  it("returns partial data with NOT_FOUND errors", async () => {
    server.setHandler(() => ({
      body: {
        data: { repository: { a: { number: 1 }, b: null } },
        errors: [{ type: "NOT_FOUND", path: ["repository", "b"], message: "Could not resolve to an issue" }],
      },
    }));
    const client = testClient(server.url);
    const result = await graphqlQuery<{ repository: unknown }>(client, "query { repository { a b } }", {});
    expect(result.data).toEqual({ repository: { a: { number: 1 }, b: null } });
    expect(result.errors).toEqual([
      { type: "NOT_FOUND", path: ["repository", "b"], message: "Could not resolve to an issue" },
    ]);
  });

  it("throws a clear error for other GraphQL errors", async () => {
    server.setHandler(() => ({
      body: {
        data: null,
        errors: [{ type: "FORBIDDEN", path: ["repository"], message: "Resource not accessible" }],
      },
    }));
    const client = testClient(server.url);
    const error = await graphqlQuery(client, "query { repository }", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubGraphQLError);
    expect((error as Error).message).toBe(
      "GraphQL request failed: FORBIDDEN: Resource not accessible (at repository)",
    );
    expect(isGraphQLTimeout(error)).toBe(false);
  });

  it("passes variables and the caller's signal", async () => {
    server.setHandler(() => ({ body: { data: { ok: true } } }));
    const client = testClient(server.url);
    await graphqlQuery(
      client,
      "query($n: Int!) { x(n: $n) }",
      { n: 5 },
      { signal: new AbortController().signal },
    );
    expect(server.requests[0]?.json).toEqual({ query: "query($n: Int!) { x(n: $n) }", variables: { n: 5 } });
  });

  it("recognises GraphQL timeouts (502/504 and 'Something went wrong')", async () => {
    const client = testClient(server.url, {}, { graphqlTimeoutRetries: 0 });
    server.setHandler(() => ({ status: 504, body: { message: "timeout" } }));
    expect(isGraphQLTimeout(await graphqlQuery(client, "query { a }", {}).catch((e: unknown) => e))).toBe(
      true,
    );
    server.setHandler(() => ({
      body: {
        data: null,
        errors: [{ message: "Something went wrong while executing your query. Please try again." }],
      },
    }));
    expect(isGraphQLTimeout(await graphqlQuery(client, "query { a }", {}).catch((e: unknown) => e))).toBe(
      true,
    );
  });
});

describe("errors", () => {
  it("describes failures on one line and classifies them", async () => {
    const client = testClient(server.url);
    const statuses = [401, 403, 404];
    const errors: unknown[] = [];
    for (const status of statuses) {
      server.setHandler(() => ({
        status,
        body: { message: `m${status}`, documentation_url: "https://docs.github.com/rest" },
      }));
      errors.push(
        await client.octokit
          .request("GET /repos/{owner}/{repo}/labels", { owner: "o", repo: "r", per_page: 100 })
          .catch((e: unknown) => e),
      );
    }
    expect(errors.map((e) => describeGitHubError(e))).toEqual([
      "401 GET /repos/o/r/labels: m401",
      "403 GET /repos/o/r/labels: m403",
      "404 GET /repos/o/r/labels: m404",
    ]);
    expect(errors.map((e) => [isAuthError(e), isForbidden(e), isNotFound(e)])).toEqual([
      [true, false, false],
      [false, true, false],
      [false, false, true],
    ]);
    expect(describeGitHubError(new Error("plain"))).toBe("plain");
  });
});

describe("redaction", () => {
  it("masks a secret and its encoded forms", () => {
    const redact = createRedactor(["s3cr3t/tok"]);
    const basic = Buffer.from("x-access-token:s3cr3t/tok").toString("base64");
    expect(redact(`a s3cr3t/tok b ${encodeURIComponent("s3cr3t/tok")} c ${basic}`)).toBe("a *** b *** c ***");
    expect(createRedactor([""])("unchanged")).toBe("unchanged");
  });

  it("masks credential headers, keeping the scheme", () => {
    expect(
      redactHeaders({
        authorization: "token abc",
        Cookie: "a=b",
        accept: "application/json",
        n: 3,
        x: undefined,
      }),
    ).toEqual({ authorization: "token ***", Cookie: "***", accept: "application/json", n: "3" });
  });
});
