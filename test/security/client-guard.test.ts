// The client decides what may leave the process, whatever the calling code or
// an answer asks: the token only to the API's own origin (a foreign rel="next"
// link is refused), only reads in a dry run or a save, and a warning for a
// plain-http API on another machine.
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { createGitHubClient, sendsTokenInClear } from "../../src/github/client.js";
import { isGraphqlWrite, RefusedRequestError } from "../../src/github/request-guard.js";
import { journaledAnswers, journalPath } from "../../src/save/response-journal.js";
import type { Logger } from "../../src/util/logger.js";
import { baseEnv, killTree, runCli, startCountingProxy } from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir, writeRequests } from "../reliability/helpers.js";
import { handBackup, label, request, startEmptyFake } from "../restore/support/fixtures.js";
import { restore } from "../restore/support/setup.js";
import { leaksIn } from "./secrets.js";

const TOKEN = "ghp_ClIeNtGuArDoRiGiN3k5L7m9N1p3Q5r7S9t1";

describe("the client's request guard", () => {
  let fake: FakeGitHub;
  let foreign: Server;
  let foreignUrl: string;
  const seenByForeign: IncomingMessage[] = [];

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 5 });
    addToken(fake.store, TOKEN, { userId: fake.dataset?.tokenUser.id ?? 0, read: "*", write: "*" });
    foreign = createServer((req, res) => {
      seenByForeign.push(req);
      res.writeHead(200, { "content-type": "application/json" }).end("[]");
    });
    await new Promise<void>((done) => foreign.listen(0, "127.0.0.1", done));
    foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((done) => foreign.close(done));
    await fake.close();
    removeTempRoots();
  });

  it('a save refuses a foreign rel="next" link: the other host sees no request, the job names the refusal', async () => {
    fake.configure({
      script: [
        {
          route: "GET /repos/{owner}/{repo}/labels",
          status: 200,
          times: 20,
          body: [],
          headers: { link: `<${foreignUrl}/repos/${OWNER}/${REPO}/labels?page=2>; rel="next"` },
        },
      ],
    });
    const out = tempDir("gd-guard-");
    const run = await runCli(["save", `${OWNER}/${REPO}`, "--out", out, "--include", "labels"], {
      env: baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url }),
    });
    fake.configure({ script: [] });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /refused a request to http:\/\/127\.0\.0\.1:\d+: the token goes only to the API's own origin/,
    );
    expect(seenByForeign).toEqual([]);
    expect(leaksIn(run.stdout + run.stderr, TOKEN)).toEqual([]);
  });

  it("a resume journal whose answers link elsewhere: the replayed link is refused, the other host sees nothing", async () => {
    const proxy = await startCountingProxy(fake.url);
    try {
      const env = baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: proxy.url });
      const dir = join(tempDir("gd-guard-journal-"), "out");
      const journalled = () => journaledAnswers(dir) > 0;
      // Labels answer page 1 with a next page (on the API's own origin); only the repository
      // check and that page are answered, the rest is held until page 1 is journalled, then
      // the save is killed: the labels job is left incomplete, with page 1 in the journal.
      fake.configure({
        script: [
          {
            route: "GET /repos/{owner}/{repo}/labels",
            status: 200,
            body: [],
            headers: {
              "content-type": "application/json; charset=utf-8",
              link: `<${proxy.url}/repos/${OWNER}/${REPO}/labels?per_page=100&page=2>; rel="next"`,
            },
          },
        ],
      });
      const crash = await runCli(["save", `${OWNER}/${REPO}`, "--out", dir, "--include", "labels"], {
        env,
        onChild: (child) =>
          proxy.reset((_n, line) => {
            if (
              / \/repos\/[^/]+\/[^/?]+(\?| |$)/.test(line) ||
              (/\/labels/.test(line) && !/page=2/.test(line))
            )
              return "forward";
            const poll = setInterval(() => {
              if (!journalled()) return;
              clearInterval(poll);
              killTree(child);
            }, 20);
            return "hold";
          }),
      });
      fake.configure({ script: [] });
      proxy.reset();
      expect(crash.signal).toBe("SIGKILL");
      // Every journalled answer now says its next page lives on the other host.
      const bytes = readFileSync(journalPath(dir));
      const rewritten: Buffer[] = [];
      for (let at = 0; at < bytes.length; ) {
        const end = bytes.indexOf(0x0a, at);
        const meta = JSON.parse(bytes.subarray(at, end).toString("utf8")) as {
          n: number;
          headers?: Record<string, string>;
        };
        if (meta.headers) meta.headers.link = `<${foreignUrl}/stolen?page=2>; rel="next"`;
        rewritten.push(Buffer.from(`${JSON.stringify(meta)}\n`), bytes.subarray(end + 1, end + 2 + meta.n));
        at = end + 2 + meta.n;
      }
      writeFileSync(journalPath(dir), Buffer.concat(rewritten));
      expect(journaledAnswers(dir)).toBeGreaterThan(0);
      const resumed = await runCli(
        ["save", `${OWNER}/${REPO}`, "--out", dir, "--resume", "--include", "labels"],
        {
          env,
        },
      );
      expect(resumed.code, resumed.stderr).toBe(1);
      expect(resumed.stderr).toMatch(
        /refused a request to http:\/\/127\.0\.0\.1:\d+: the token goes only to the API's own origin/,
      );
      expect(seenByForeign).toEqual([]);
      expect(leaksIn(resumed.stdout + resumed.stderr, TOKEN)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it("refuses absolute URLs on another origin in any request, paginate included", async () => {
    const client = createGitHubClient({ token: TOKEN, apiUrl: fake.url });
    await expect(client.octokit.request(`GET ${foreignUrl}/user`)).rejects.toBeInstanceOf(
      RefusedRequestError,
    );
    await expect(client.octokit.paginate(`GET ${foreignUrl}/repos/o/r/labels`)).rejects.toThrow(
      /the token goes only to the API's own origin/,
    );
    await expect(client.octokit.request("GET /user", { baseUrl: foreignUrl })).rejects.toBeInstanceOf(
      RefusedRequestError,
    );
    expect(seenByForeign).toEqual([]);
    // The API's own origin, absolute, is fine.
    const own = await client.octokit.request(`GET ${fake.url}/repos/${OWNER}/${REPO}`);
    expect(own.status).toBe(200);
  });

  it("a read-only client sends reads and GraphQL queries, and throws on any write or mutation", async () => {
    const client = createGitHubClient({ token: TOKEN, apiUrl: fake.url, readOnly: true });
    fake.resetStats();
    await client.octokit.request("GET /repos/{owner}/{repo}/labels", { owner: OWNER, repo: REPO });
    await client.octokit.graphql("query { viewer { login } }");
    for (const write of [
      () =>
        client.octokit.request("POST /repos/{owner}/{repo}/labels", { owner: OWNER, repo: REPO, name: "x" }),
      () =>
        client.octokit.request("PATCH /repos/{owner}/{repo}/issues/{n}", { owner: OWNER, repo: REPO, n: 1 }),
      () => client.octokit.request("DELETE /repos/{owner}/{repo}/labels/bug", { owner: OWNER, repo: REPO }),
      () => client.octokit.request("PUT /repos/{owner}/{repo}/issues/1/lock", { owner: OWNER, repo: REPO }),
      () =>
        client.octokit.graphql(
          'mutation { addComment(input: {subjectId: "x", body: "y"}) { clientMutationId } }',
        ),
      () => client.octokit.graphql("# a comment\n  mutation M { x }"),
    ]) {
      await expect(write()).rejects.toThrow(/this run only reads/);
    }
    expect(writeRequests(fake)).toEqual([]);
    expect(isGraphqlWrite('query { search(query: "mutation") { issueCount } }')).toBe(false);
    expect(isGraphqlWrite("subscription { x }")).toBe(true);
  });

  it("a restore dry run is read-only in the client: a restorer that writes is stopped", async () => {
    const env = await startEmptyFake();
    try {
      const dir = await handBackup({ labels: [label("x")] });
      env.fake.resetStats();
      const result = await restore(
        request(env, dir, "dry-target", {
          dryRun: true,
          restorers: [
            {
              name: "labels",
              dependsOn: [],
              files: ["labels.jsonl"],
              async restore(ctx) {
                await ctx.client.octokit.request("POST /user/repos", { name: "sneaky" });
                return { records: 1, skipped: 0, failed: 0 };
              },
            },
          ],
        }),
      );
      expect(result.exitCode).toBe(1);
      expect(result.warnings.join("\n")).toMatch(/refused POST \/user\/repos: this run only reads/);
      expect(env.fake.stats.log.filter((e) => e.method !== "GET")).toEqual([]);
    } finally {
      await env.close();
    }
  });

  it("warns when the token would cross the network over plain http", () => {
    const warnings: string[] = [];
    const log: Logger = {
      debug: () => {},
      info: () => {},
      warn: (message: string) => warnings.push(message),
      error: () => {},
    } as unknown as Logger;
    createGitHubClient({ token: TOKEN, apiUrl: "http://ghe.example/api/v3", log });
    expect(warnings).toEqual([
      "http://ghe.example/api/v3 is plain http: the token crosses the network unencrypted; use https",
      "http://ghe.example/api/graphql is plain http: the token crosses the network unencrypted; use https",
    ]);
    expect(sendsTokenInClear("http://127.0.0.1:8080")).toBe(false);
    expect(sendsTokenInClear("https://ghe.example")).toBe(false);
  });
});
