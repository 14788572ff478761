// The client and scheduler against the project's fake GitHub, using its knobs
// (rate limits, secondary limits, faults, scripted failures). The server and
// the scheduler share one virtual clock, so "minutes" of waiting take no time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/server.js";
import { seededRandom } from "../../src/github/backoff.js";
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from "../../src/github/client.js";
import { fetchAll, paginateParallel } from "../../src/github/paginate-parallel.js";
import type { ConcurrencyEvent, WaitEvent } from "../../src/github/scheduler.js";
import { createWarpClock, type WarpClock } from "./helpers/warp-clock.js";

let fake: FakeGitHub;
let clock: WarpClock;
let owner: string;
let repo: string;

beforeAll(async () => {
  clock = createWarpClock();
  fake = await startFakeGitHub({ dataset: "small", clock: () => clock.now() });
  owner = fake.dataset?.owner.login as string;
  repo = fake.dataset?.repo.name as string;
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  clock = createWarpClock();
  fake.configure({ latencyMs: 0, jitterMs: 0, rateLimit: null, secondary: null, faults: null, script: [] });
  fake.resetStats();
});

function client(
  options: Partial<GitHubClientOptions> = {},
  scheduler: GitHubClientOptions["schedulerOptions"] = {},
): GitHubClient {
  return createGitHubClient({
    token: fake.token,
    apiUrl: fake.url,
    concurrency: 4,
    ...options,
    schedulerOptions: { clock, random: seededRandom(1), minWriteIntervalMs: 0, ...scheduler },
  });
}

/** Ground truth: Octokit's own sequential paginator (other tests add comments). */
const allComments = (c: GitHubClient) =>
  c.octokit.paginate("GET /repos/{owner}/{repo}/issues/comments", { owner, repo, per_page: 100 }) as Promise<
    { id: number }[]
  >;

const labelPage = (c: GitHubClient, page: number) =>
  c.octokit.request("GET /repos/{owner}/{repo}/labels", { owner, repo, per_page: 1, page });

describe("scheduler against the fake GitHub", () => {
  it("never has more requests in flight at the server than the concurrency", async () => {
    fake.configure({ latencyMs: 5 });
    const c = client({ concurrency: 3 });
    await Promise.all(Array.from({ length: 30 }, (_, i) => labelPage(c, (i % 12) + 1)));
    expect(fake.stats.peakInFlight).toBeLessThanOrEqual(3);
    expect(fake.stats.peakInFlight).toBeGreaterThan(1);
    expect(fake.stats.byStatus).toEqual({ "200": 30 });
  });

  it("pauses when the primary budget runs out and resumes after the reset", async () => {
    fake.configure({ rateLimit: { limit: 5, windowMs: 60_000 } });
    const c = client();
    const waits: WaitEvent[] = [];
    c.scheduler.on("wait", (w) => waits.push(w));
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => labelPage(c, (i % 12) + 1)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    // The scheduler stopped at the budget instead of running into 403s.
    expect(fake.stats.byStatus).toEqual({ "200": 12 });
    expect(waits.filter((w) => w.reason === "rate-limit").length).toBeGreaterThanOrEqual(2);
    expect(clock.elapsed()).toBeGreaterThanOrEqual(120_000);
  });

  it("waits for the reset and retries after a primary-limit 403", async () => {
    // Another consumer of the same token spent the budget: the first answer is a 403.
    fake.configure({ rateLimit: { limit: 1, windowMs: 60_000 } });
    const other = client();
    await labelPage(other, 1);
    const c = client();
    const response = await labelPage(c, 2);
    expect(response.status).toBe(200);
    expect(fake.stats.byStatus).toEqual({ "200": 2, "403": 1 });
    expect(c.stats().rateLimitWaits).toBe(1);
  });

  it("honours retry-after on a secondary limit, lowering concurrency, then succeeds", async () => {
    fake.configure({ secondary: { restPointsPerMinute: 3, windowMs: 10_000 } });
    const c = client({ concurrency: 4 });
    const waits: WaitEvent[] = [];
    const changes: ConcurrencyEvent[] = [];
    c.scheduler.on("wait", (w) => waits.push(w));
    c.scheduler.on("concurrency", (e) => changes.push(e));
    const responses = await Promise.all(Array.from({ length: 6 }, (_, i) => labelPage(c, i + 1)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(fake.stats.byStatus["403"]).toBeGreaterThanOrEqual(1);
    expect(waits.some((w) => w.reason === "secondary-rate-limit" && w.waitMs > 0)).toBe(true);
    expect(changes[0]).toMatchObject({ reason: "secondary-rate-limit", from: 4, to: 2 });
    expect(c.stats().secondaryLimitHits).toBeGreaterThanOrEqual(1);
    // The retried requests went after the server's window ended.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(10_000);
  });

  it("lowers concurrency under a concurrency limit and raises it again", async () => {
    fake.configure({ latencyMs: 5, secondary: { maxInFlight: 2, retryAfterSeconds: 0 } });
    const c = client({ concurrency: 8 }, { increaseEvery: 4 });
    const changes: ConcurrencyEvent[] = [];
    c.scheduler.on("concurrency", (e) => changes.push(e));
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => labelPage(c, (i % 12) + 1)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(fake.stats.byStatus["403"]).toBeGreaterThan(0);
    expect(changes.some((e) => e.reason === "secondary-rate-limit")).toBe(true);
    expect(changes.some((e) => e.reason === "recovered")).toBe(true);
    expect(Math.min(...changes.map((e) => e.to))).toBeLessThanOrEqual(2);
  });

  it("delays requests to fit per-minute budgets instead of failing", async () => {
    // Per window: 10 points per endpoint (10 reads, or 2 writes at 5 points), 1 content creation.
    const budgets = { restPointsPerMinute: 10, contentPerMinute: 1, windowMs: 10_000 };
    fake.configure({ secondary: budgets });
    const c = client({ budgets });
    await Promise.all(Array.from({ length: 12 }, (_, i) => labelPage(c, i + 1)));
    const comments = await Promise.all(
      [1, 2, 3].map((i) =>
        c.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
          owner,
          repo,
          issue_number: 1,
          body: `comment ${i}`,
        }),
      ),
    );
    expect(comments.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(fake.stats.byStatus).toEqual({ "200": 12, "201": 3 });
    expect(c.stats().budgetDelays).toBeGreaterThan(0);
    expect(c.stats().retries).toBe(0);
    // Reads: 2 windows; content: one per window, so the third comment waited 2 windows.
    expect(clock.elapsed()).toBeGreaterThanOrEqual(20_000);
  });

  it("retries scripted 5xx answers and connection resets with backoff", async () => {
    fake.configure({
      script: [
        { route: "GET /repos/{owner}/{repo}/labels", status: 502, times: 2 },
        { route: "GET /repos/{owner}/{repo}/milestones", reset: true },
      ],
    });
    const c = client();
    const reasons: string[] = [];
    c.scheduler.on("retry", (e) => reasons.push(`${e.reason}:${e.status ?? "-"}`));
    const labels = await fetchAll(c, "GET /repos/{owner}/{repo}/labels", { owner, repo });
    const milestones = await fetchAll(c, "GET /repos/{owner}/{repo}/milestones", {
      owner,
      repo,
      state: "all",
    });
    expect(labels).toHaveLength(12);
    expect(milestones).toHaveLength(12);
    expect(reasons).toEqual(["server-error:502", "server-error:502", "network:-"]);
    expect(fake.stats.byRouteStatus["GET /repos/{owner}/{repo}/labels"]).toEqual({ "200": 1, "502": 2 });
  });

  it("gets complete data through random faults", async () => {
    fake.configure({ faults: { rate: 0.3, resetRate: 0.1, seed: 5 } });
    const c = client({ concurrency: 6 });
    const comments = await fetchAll<{ id: number }>(
      c,
      "GET /repos/{owner}/{repo}/issues/comments",
      { owner, repo },
      { perPage: 3 },
    );
    expect(c.stats().retries).toBeGreaterThan(0);
    fake.configure({ faults: null });
    expect(comments).toEqual(await allComments(c));
  });

  it("drops queued requests when aborted", async () => {
    fake.configure({ latencyMs: 20 });
    const c = client({ concurrency: 2 });
    const controller = new AbortController();
    const pending = Array.from({ length: 20 }, (_, i) =>
      c.octokit.request("GET /repos/{owner}/{repo}/labels", {
        owner,
        repo,
        page: i + 1,
        per_page: 1,
        request: { signal: controller.signal },
      }),
    );
    controller.abort();
    const results = await Promise.allSettled(pending);
    expect(results.every((r) => r.status === "rejected" && (r.reason as Error).name === "AbortError")).toBe(
      true,
    );
    expect(fake.stats.total).toBeLessThanOrEqual(2);
    expect(c.stats().queued).toBe(0);
  });

  it("counts requests by route template, matching the server's own counts", async () => {
    const c = client();
    await fetchAll(c, "GET /repos/{owner}/{repo}/labels", { owner, repo }, { perPage: 5 });
    await fetchAll(c, "GET /repos/{owner}/{repo}/milestones", { owner, repo, state: "all" }, { perPage: 5 });
    await c.octokit.graphql("query($o: String!, $r: String!) { repository(owner: $o, name: $r) { id } }", {
      o: owner,
      r: repo,
    });
    expect(c.stats().byRoute).toEqual({
      "GET /repos/{owner}/{repo}/labels": 3,
      "GET /repos/{owner}/{repo}/milestones": 3,
      "POST /graphql": 1,
    });
    expect(c.stats().byRoute).toEqual(fake.stats.byRoute);
  });
});

describe("paginateParallel against the fake GitHub", () => {
  it("fetches pages 2..N concurrently and hands over each page with its index", async () => {
    fake.configure({ latencyMs: 5 });
    const c = client({ concurrency: 8 });
    const pages = new Map<number, number[]>();
    const result = await paginateParallel<{ id: number }>(
      c,
      "GET /repos/{owner}/{repo}/issues/comments",
      { owner, repo },
      {
        perPage: 4,
        onPage: (items, page) =>
          void pages.set(
            page,
            items.map((x) => x.id),
          ),
      },
    );
    expect(fake.stats.peakInFlight).toBeGreaterThan(1);
    const expected = (await allComments(c)).map((x) => x.id);
    expect(result).toEqual({ pages: Math.ceil(expected.length / 4), items: expected.length });
    const ordered = [...pages.keys()].sort((a, b) => a - b).flatMap((p) => pages.get(p) as number[]);
    expect(ordered).toEqual(expected);
  });

  it("follows rel=next through the issues list's cursors, one page at a time", async () => {
    fake.configure({ latencyMs: 2 });
    const c = client({ concurrency: 8 });
    const seen: number[] = [];
    const numbers: number[] = [];
    const result = await paginateParallel<{ number: number }>(
      c,
      "GET /repos/{owner}/{repo}/issues",
      { owner, repo, state: "all", sort: "created", direction: "asc" },
      {
        perPage: 5,
        onPage: (items, page) => {
          seen.push(page);
          numbers.push(...items.map((x) => x.number));
        },
      },
    );
    const total = (fake.dataset?.counts.issues ?? 0) + (fake.dataset?.counts.pulls ?? 0);
    expect(result.items).toBe(total);
    expect(seen).toEqual(Array.from({ length: Math.ceil(total / 5) }, (_, i) => i + 1));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(fake.stats.peakInFlight).toBe(1);
    expect(fake.stats.log.slice(1).every((e) => e.template === "/repos/{owner}/{repo}/issues")).toBe(true);
    expect(c.stats().byRoute).toEqual({ "GET /repos/{owner}/{repo}/issues": result.pages });
  });
});
