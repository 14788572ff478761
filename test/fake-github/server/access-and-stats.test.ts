import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addRepo,
  addToken,
  addUser,
  createStore,
  type FakeGitHub,
  type FakeStats,
  startFakeGitHub,
} from "../../../fake-github/index.js";
import { authHeader, failure, octokitFor } from "./helpers.js";

// Built with the store helpers: one public and one private repository, an
// admin token and a token that may read only the public one.
let fake: FakeGitHub;
const adminToken = "ghp_test_admin_token_0000000000000000";
const limitedToken = "ghp_test_limited_token_000000000000000";

beforeAll(async () => {
  const store = createStore();
  const admin = addUser(store, "admin");
  const reader = addUser(store, "reader");
  addToken(store, adminToken, { userId: admin.id, read: "*", write: "*" });
  addToken(store, limitedToken, { userId: reader.id, read: ["acme/public"], write: [] });
  const pub = addRepo(store, "acme", "public", { defaultLabels: true });
  addRepo(store, "acme", "secret", { private: true, defaultLabels: true });
  pub.branches.set("main", "a".repeat(40));
  pub.branches.set("feature/x", "b".repeat(40));
  fake = await startFakeGitHub({ store });
});
afterAll(() => fake.close());

describe("authentication and visibility", () => {
  it("answers 401 Bad credentials for an unknown token, even on public data", async () => {
    const bad = await failure(octokitFor(fake, "ghp_nope").request("GET /repos/acme/public"));
    expect(bad.status).toBe(401);
    expect(bad.data).toMatchObject({ message: "Bad credentials" });
  });

  it("hides a private repository from a token that may not read it (404), as GitHub does", async () => {
    const limited = octokitFor(fake, limitedToken);
    const hidden = await failure(limited.request("GET /repos/acme/secret/labels"));
    expect(hidden.status).toBe(404);
    expect(hidden.data).toMatchObject({ message: "Not Found", documentation_url: expect.any(String) });
    expect((await limited.request("GET /repos/acme/public/labels")).data).toHaveLength(9);
    expect((await octokitFor(fake, adminToken).request("GET /repos/acme/secret/labels")).data).toHaveLength(
      9,
    );
  });

  it("lets anonymous callers read public repositories only, and not /user", async () => {
    const anonymous = octokitFor(fake, null);
    const repo = await anonymous.request("GET /repos/acme/public");
    expect(repo.data.full_name).toBe("acme/public");
    expect(repo.data.permissions).toBeUndefined();
    expect((await failure(anonymous.request("GET /repos/acme/secret"))).status).toBe(404);
    expect((await failure(anonymous.request("GET /user"))).status).toBe(401);
  });

  it("accepts token, Bearer and Basic authorization", async () => {
    for (const authorization of [
      `token ${adminToken}`,
      `Bearer ${adminToken}`,
      `Basic ${Buffer.from(`x-access-token:${adminToken}`).toString("base64")}`,
    ]) {
      const res = await fetch(`${fake.url}/user`, { headers: { authorization } });
      expect(await res.json()).toMatchObject({ login: "admin" });
    }
  });

  it("reports the caller's permissions on the repository", async () => {
    const admin = await octokitFor(fake, adminToken).request("GET /repos/acme/public");
    expect(admin.data.permissions).toMatchObject({ push: true, pull: true });
    const reader = await octokitFor(fake, limitedToken).request("GET /repos/acme/public");
    expect(reader.data.permissions).toMatchObject({ push: false, pull: true });
  });

  it("unknown routes and wrong methods are 404", async () => {
    const octokit = octokitFor(fake, adminToken);
    expect((await failure(octokit.request("GET /repos/acme/public/nothing"))).status).toBe(404);
    expect((await failure(octokit.request("DELETE /rate_limit"))).status).toBe(404);
  });
});

describe("branches and refs", () => {
  it("lists branches and reads one, slashes included", async () => {
    const octokit = octokitFor(fake, adminToken);
    const list = await octokit.request("GET /repos/{owner}/{repo}/branches", {
      owner: "acme",
      repo: "public",
    });
    expect(list.data.map((b) => b.name)).toEqual(["feature/x", "main"]);
    const one = await octokit.request("GET /repos/acme/public/branches/{branch}", { branch: "feature/x" });
    expect(one.data.commit.sha).toBe("b".repeat(40));
    const ref = await octokit.request("GET /repos/acme/public/git/ref/{ref}", { ref: "heads/feature/x" });
    expect(ref.data).toMatchObject({
      ref: "refs/heads/feature/x",
      object: { sha: "b".repeat(40), type: "commit" },
    });
    const raw = await fetch(`${fake.url}/repos/acme/public/git/ref/heads/feature/x`, {
      headers: authHeader(adminToken),
    });
    expect(raw.status).toBe(200);
    expect(
      (await failure(octokit.request("GET /repos/acme/public/git/ref/{ref}", { ref: "heads/nope" }))).status,
    ).toBe(404);
  });
});

describe("stats and admin paths", () => {
  it("counts requests by route and status, logs them without credentials, and resets", async () => {
    fake.resetStats();
    const octokit = octokitFor(fake, adminToken);
    await octokit.request("GET /repos/acme/public/labels");
    await octokit.request("GET /repos/acme/public/labels");
    await failure(octokit.request("GET /repos/acme/nope/labels"));
    const stats = fake.stats;
    expect(stats.total).toBe(3);
    expect(stats.byRoute["GET /repos/{owner}/{repo}/labels"]).toBe(3);
    expect(stats.byStatus).toEqual({ "200": 2, "404": 1 });
    expect(stats.byRouteStatus["GET /repos/{owner}/{repo}/labels"]).toEqual({ "200": 2, "404": 1 });
    expect(stats.inFlight).toBe(0);
    expect(stats.peakInFlight).toBeGreaterThanOrEqual(1);
    expect(stats.log.map((e) => [e.method, e.template, e.path, e.status])).toEqual([
      ["GET", "/repos/{owner}/{repo}/labels", "/repos/acme/public/labels", 200],
      ["GET", "/repos/{owner}/{repo}/labels", "/repos/acme/public/labels", 200],
      ["GET", "/repos/{owner}/{repo}/labels", "/repos/acme/nope/labels", 404],
    ]);
    const seqs = stats.log.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(JSON.stringify(stats)).not.toContain(adminToken);
    fake.resetStats();
    expect(fake.stats.total).toBe(0);
    expect(fake.stats.log).toEqual([]);
  });

  it("serves stats, config and configure on /_fake without auth and without counting them", async () => {
    fake.resetStats();
    await octokitFor(fake, adminToken).request("GET /user");
    const stats = (await (await fetch(`${fake.url}/_fake/stats`)).json()) as FakeStats;
    expect(stats.total).toBe(1);
    expect(stats.byRoute).toEqual({ "GET /user": 1 });

    const configured = await fetch(`${fake.url}/_fake/configure`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rateLimit: { limit: 2 }, rateLimitStatus: 429 }),
    });
    expect(configured.status).toBe(200);
    expect(fake.knobs()).toMatchObject({ rateLimit: { limit: 2 }, rateLimitStatus: 429 });
    const res = await octokitFor(fake, adminToken).request("GET /user");
    expect(res.headers["x-ratelimit-limit"]).toBe("2");

    const invalid = await fetch(`${fake.url}/_fake/configure`, {
      method: "POST",
      body: JSON.stringify({ latencyMs: -1 }),
    });
    expect(invalid.status).toBe(400);
    const unknown = await fetch(`${fake.url}/_fake/configure`, { method: "POST", body: '{"nope":1}' });
    expect(unknown.status).toBe(400);
    const config = await (await fetch(`${fake.url}/_fake/config`)).json();
    expect(config).toMatchObject({ rateLimit: { limit: 2 }, latencyMs: 0 });

    expect((await fetch(`${fake.url}/_fake/reset-stats`, { method: "POST" })).status).toBe(204);
    expect(fake.stats.total).toBe(0);
    fake.configure({ rateLimit: null, rateLimitStatus: 403 });
  });

  it("accepts the GitHub Enterprise Server layout (/api/v3) and builds links on it", async () => {
    const res = await fetch(`${fake.url}/api/v3/repos/acme/public/labels?per_page=2`, {
      headers: authHeader(adminToken),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("link")).toContain(
      `<${fake.url}/api/v3/repos/acme/public/labels?per_page=2&page=2>`,
    );
  });
});
