// Per-minute budgets (REST per route, GraphQL, content creation) and the
// serialisation of content-creating writes, on a virtual clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { WaitEvent } from "../../src/github/scheduler.js";
import { testClient } from "./helpers/clients.js";
import { type ScriptServer, startScriptServer } from "./helpers/script-server.js";
import { createWarpClock, type WarpClock } from "./helpers/warp-clock.js";

let server: ScriptServer;
let clock: WarpClock;
let arrivals: { path: string; method: string; at: number }[];

beforeAll(async () => {
  server = await startScriptServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  clock = createWarpClock();
  arrivals = [];
  server.setHandler((req) => ({ status: req.method === "POST" ? 201 : 200, delayMs: 2, body: {} }));
});

// Virtual time moves on whenever the event loop is free, so send times are
// recorded where the scheduler hands a request to fetch, not at the server.
const recordingFetch: typeof fetch = (input, init) => {
  const url = new URL(String(input instanceof Request ? input.url : input));
  arrivals.push({ path: url.pathname, method: init?.method ?? "GET", at: clock.now() });
  return fetch(input, init);
};

function makeClient(
  options: Parameters<typeof testClient>[1] = {},
  scheduler: Parameters<typeof testClient>[2] = {},
) {
  return testClient(server.url, { fetch: recordingFetch, ...options }, { clock, ...scheduler });
}

function timesOf(filter: (a: { path: string; method: string }) => boolean): number[] {
  return arrivals.filter(filter).map((a) => a.at);
}

describe("REST points per route", () => {
  it("delays requests that do not fit the window instead of failing them", async () => {
    const client = makeClient({ concurrency: 8, budgets: { restPointsPerMinute: 3, windowMs: 10_000 } });
    const waits: WaitEvent[] = [];
    client.scheduler.on("wait", (w) => waits.push(w));
    const results = await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        client.octokit.request("GET /repos/{o}/{r}/labels", { o: "a", r: "b", page: i }),
      ),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const times = timesOf(() => true).sort((a, b) => a - b);
    const start = times[0] as number;
    // 3 per 10 s window: requests 4-6 in the second window, 7 in the third.
    expect(times.filter((t) => t < start + 10_000)).toHaveLength(3);
    expect(times.filter((t) => t >= start + 10_000 && t < start + 20_000)).toHaveLength(3);
    expect(times.filter((t) => t >= start + 20_000)).toHaveLength(1);
    expect(waits.some((w) => w.reason === "budget" && w.budget === "rest")).toBe(true);
    expect(client.stats().budgetDelays).toBeGreaterThan(0);
  });

  it("keeps a separate budget per route template", async () => {
    const client = makeClient({ concurrency: 8, budgets: { restPointsPerMinute: 3, windowMs: 10_000 } });
    await Promise.all([
      ...[1, 2, 3].map((n) => client.octokit.request("GET /repos/{o}/{r}/labels", { o: "a", r: "b", n })),
      ...[1, 2, 3].map((n) => client.octokit.request("GET /repos/{o}/{r}/milestones", { o: "a", r: "b", n })),
    ]);
    expect(client.stats().budgetDelays).toBe(0);
    const times = timesOf(() => true);
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(10_000);
  });

  it("charges writes 5 points", async () => {
    const client = makeClient({ budgets: { restPointsPerMinute: 10, windowMs: 10_000 } });
    await Promise.all(
      [1, 2, 3].map(() => client.octokit.request("PATCH /repos/{o}/{r}", { o: "a", r: "b" })),
    );
    const times = timesOf(() => true).sort((a, b) => a - b);
    expect((times[2] as number) - (times[0] as number)).toBeGreaterThanOrEqual(10_000);
    expect((times[1] as number) - (times[0] as number)).toBeLessThan(10_000);
  });
});

describe("GraphQL points", () => {
  it("counts queries 1 point and mutations 5 against one endpoint budget", async () => {
    server.setHandler(() => ({ body: { data: { ok: true } } }));
    const client = makeClient({ budgets: { graphqlPointsPerMinute: 6, windowMs: 10_000 } });
    await client.octokit.graphql("mutation { updateIssue(input: {}) { clientMutationId } }");
    await client.octokit.graphql("query { a }");
    await client.octokit.graphql("query { b }");
    const times = timesOf(() => true);
    expect((times[1] as number) - (times[0] as number)).toBeLessThan(10_000);
    expect((times[2] as number) - (times[0] as number)).toBeGreaterThanOrEqual(10_000);
  });
});

describe("content creation", () => {
  const createIssue = (c: ReturnType<typeof testClient>, title: string) =>
    c.octokit.request("POST /repos/{owner}/{repo}/issues", { owner: "o", repo: "r", title });

  it("serialises content-creating writes with minWriteIntervalMs between them, reads stay parallel", async () => {
    const client = makeClient({ concurrency: 8 }, { minWriteIntervalMs: 1000 });
    let writesInFlight = 0;
    let writePeak = 0;
    server.setHandler(async (req) => {
      if (req.method === "POST") {
        writesInFlight++;
        writePeak = Math.max(writePeak, writesInFlight);
        await new Promise((r) => setTimeout(r, 3));
        writesInFlight--;
        return { status: 201, body: {} };
      }
      return { delayMs: 3, body: [] };
    });
    await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => createIssue(client, `t${i}`)),
      ...Array.from({ length: 8 }, (_, i) => client.octokit.request("GET /r/{i}", { i })),
    ]);
    expect(writePeak).toBe(1);
    const writes = timesOf((a) => a.method === "POST");
    for (let i = 1; i < writes.length; i++) {
      expect((writes[i] as number) - (writes[i - 1] as number)).toBeGreaterThanOrEqual(1000);
    }
    expect(server.peakInFlight).toBeGreaterThan(1);
  });

  it("holds content writes to contentPerMinute and contentPerHour", async () => {
    const client = makeClient({ budgets: { contentPerMinute: 2, contentPerHour: 3, windowMs: 1000 } });
    const waits: WaitEvent[] = [];
    client.scheduler.on("wait", (w) => waits.push(w));
    for (let i = 0; i < 4; i++) await createIssue(client, `t${i}`);
    const [a, b, c, d] = timesOf(() => true) as [number, number, number, number];
    expect(b - a).toBeLessThan(1000);
    expect(c - a).toBeGreaterThanOrEqual(1000);
    expect(d - a).toBeGreaterThanOrEqual(60_000);
    expect(waits.map((w) => w.budget)).toEqual(["content-per-minute", "content-per-hour"]);
  });

  it("recognises content routes (comments, reviews, releases…) and not other writes", async () => {
    const client = makeClient({ budgets: { contentPerMinute: 1, windowMs: 1000 } });
    await client.octokit.request("POST /repos/{o}/{r}/labels", { o: "a", r: "b" });
    await client.octokit.request("POST /repos/{o}/{r}/milestones", { o: "a", r: "b" });
    await client.octokit.request("POST /repos/{o}/{r}/issues/{n}/comments", { o: "a", r: "b", n: 1 });
    await client.octokit.request("POST /repos/{o}/{r}/releases", { o: "a", r: "b" });
    const [labels, milestones, comment, release] = timesOf(() => true) as [number, number, number, number];
    expect(milestones - labels).toBeLessThan(1000);
    expect(comment - labels).toBeLessThan(1000);
    expect(release - comment).toBeGreaterThanOrEqual(1000);
  });
});
