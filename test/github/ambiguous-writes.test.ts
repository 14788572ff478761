// A content-creating write that fails after it may have reached GitHub is
// never sent again blindly: without a recovery hook the error is thrown.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { AmbiguousWriteError } from "../../src/github/scheduler.js";

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 2 });
});
afterAll(() => fake.close());

const fast = { backoff: { baseMs: 1, capMs: 2 }, minWriteIntervalMs: 0 };

it("throws AmbiguousWriteError and sends the write once when no hook can tell", async () => {
  fake.configure({
    script: [{ route: "POST /repos/{owner}/{repo}/issues", status: 502, afterHandler: true }],
  });
  fake.resetStats();
  const client = createGitHubClient({ token: fake.token, apiUrl: fake.url, schedulerOptions: fast });
  const created = client.octokit.request("POST /repos/{owner}/{repo}/issues", {
    owner: "octo-org",
    repo: "sample",
    title: "once",
  });
  await expect(created).rejects.toBeInstanceOf(AmbiguousWriteError);
  expect(fake.stats.byRoute["POST /repos/{owner}/{repo}/issues"]).toBe(1);
});

it("retries a read after the same failure", async () => {
  fake.configure({ script: [{ route: "GET /repos/{owner}/{repo}/labels", status: 502 }] });
  fake.resetStats();
  const client = createGitHubClient({ token: fake.token, apiUrl: fake.url, schedulerOptions: fast });
  const labels = await client.octokit.request("GET /repos/{owner}/{repo}/labels", {
    owner: "octo-org",
    repo: "sample",
  });
  expect(labels.status).toBe(200);
  expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/labels"]).toBe(2);
});

it("returns what the hook finds instead of sending the write again", async () => {
  fake.configure({
    script: [{ route: "POST /repos/{owner}/{repo}/issues", status: 500, afterHandler: true }],
  });
  fake.resetStats();
  const client = createGitHubClient({
    token: fake.token,
    apiUrl: fake.url,
    schedulerOptions: {
      ...fast,
      recoverWrite: async () => ({ status: 201, url: "", headers: {}, data: { number: 999 } }) as never,
    },
  });
  const created = await client.octokit.request("POST /repos/{owner}/{repo}/issues", {
    owner: "octo-org",
    repo: "sample",
    title: "found",
  });
  expect(created.data.number).toBe(999);
  expect(fake.stats.byRoute["POST /repos/{owner}/{repo}/issues"]).toBe(1);
});
