// The request scheduler against a scripted local HTTP server: concurrency,
// priorities, primary and secondary limits, retries, timeouts and aborts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fullJitterDelay, seededRandom } from "../../src/github/backoff.js";
import type { ConcurrencyEvent, RetryEvent, WaitEvent } from "../../src/github/scheduler.js";
import { RequestTimeoutError } from "../../src/github/scheduler.js";
import { rateLimitHeaders, testClient } from "./helpers/clients.js";
import { deferred, type ScriptServer, startScriptServer } from "./helpers/script-server.js";
import { createWarpClock } from "./helpers/warp-clock.js";

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

function collect<T>(): { list: T[]; push: (e: T) => void } {
  const list: T[] = [];
  return { list, push: (e: T) => list.push(e) };
}

describe("concurrency", () => {
  it("never has more than `concurrency` requests in flight", async () => {
    const client = testClient(server.url, { concurrency: 4 });
    server.setHandler(() => ({ delayMs: 5, body: [] }));
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.octokit.request("GET /repos/{owner}/{repo}/issues/{n}", { owner: "o", repo: "r", n: i }),
      ),
    );
    expect(results).toHaveLength(40);
    expect(server.peakInFlight).toBeLessThanOrEqual(4);
    expect(server.peakInFlight).toBeGreaterThan(1);
    expect(client.stats().peakInFlight).toBeLessThanOrEqual(4);
    expect(client.stats().requests).toBe(40);
  });

  it("setConcurrency changes the bound at runtime", async () => {
    const client = testClient(server.url, { concurrency: 8 });
    client.scheduler.setConcurrency(2);
    server.setHandler(() => ({ delayMs: 5, body: {} }));
    await Promise.all(Array.from({ length: 20 }, () => client.octokit.request("GET /x")));
    expect(server.peakInFlight).toBeLessThanOrEqual(2);
    expect(client.stats().maxConcurrency).toBe(2);
  });

  it("is shared by every client given the same scheduler (one per token)", async () => {
    const first = testClient(server.url, { concurrency: 2 });
    const second = testClient(server.url, { scheduler: first.scheduler });
    server.setHandler(() => ({ delayMs: 5, body: {} }));
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        (i % 2 ? first : second).octokit.request("GET /shared/{i}", { i }),
      ),
    );
    expect(server.peakInFlight).toBeLessThanOrEqual(2);
    expect(first.stats().requests).toBe(16);
  });

  it("serves higher priority first, in submission order within a priority", async () => {
    const client = testClient(server.url, { concurrency: 1 });
    const hold = deferred();
    server.setHandler((req) => (req.path === "/held" ? { until: hold.promise, body: {} } : { body: {} }));
    const first = client.octokit.request("GET /held");
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    const queued = [
      client.octokit.request("GET /low-1", { request: { priority: 0 } }),
      client.octokit.request("GET /high-1", { request: { priority: 5 } }),
      client.octokit.request("GET /mid", { request: { priority: 2 } }),
      client.octokit.request("GET /high-2", { request: { priority: 5 } }),
      client.octokit.request("GET /low-2"),
    ];
    hold.resolve();
    await Promise.all([first, ...queued]);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/held",
      "/high-1",
      "/high-2",
      "/mid",
      "/low-1",
      "/low-2",
    ]);
  });
});

describe("bursts", () => {
  it("admits requests made together by priority, even while slots are free", async () => {
    const client = testClient(server.url, { concurrency: 2 });
    await Promise.all([
      client.octokit.request("GET /bulk-1"),
      client.octokit.request("GET /bulk-2"),
      client.octokit.request("GET /bulk-3"),
      client.octokit.request("GET /chain", { request: { priority: 3 } }),
      client.octokit.request("GET /batch", { request: { priority: 1 } }),
    ]);
    // The first two slots go to the highest priorities, not the first two requests made.
    expect(
      server.requests
        .slice(0, 2)
        .map((r) => r.path)
        .sort(),
    ).toEqual(["/batch", "/chain"]);
  });
});

describe("primary rate limit", () => {
  it("pauses a resource when its remaining budget runs out and resumes after the reset", async () => {
    const clock = createWarpClock();
    const perWindow = 3;
    let windowEnd = 0;
    let used = 0;
    let rejected = 0;
    const arrivals: number[] = [];
    server.setHandler(() => {
      const now = clock.now();
      arrivals.push(now);
      if (now >= windowEnd) {
        windowEnd = Math.ceil((now + 60_000) / 1000) * 1000;
        used = 0;
      }
      if (used >= perWindow) {
        rejected++;
        return {
          status: 403,
          headers: rateLimitHeaders(0, windowEnd),
          body: { message: "API rate limit exceeded" },
        };
      }
      used++;
      return { headers: rateLimitHeaders(perWindow - used, windowEnd), body: {} };
    });
    const client = testClient(server.url, { concurrency: 1 }, { clock });
    const waits = collect<WaitEvent>();
    client.scheduler.on("wait", waits.push);
    await Promise.all(
      Array.from({ length: 7 }, () => client.octokit.request("GET /repos/{o}/{r}", { o: "a", r: "b" })),
    );
    expect(rejected).toBe(0);
    expect(server.requests).toHaveLength(7);
    expect(waits.list.map((w) => [w.reason, w.resource])).toEqual([
      ["rate-limit", "core"],
      ["rate-limit", "core"],
    ]);
    // Requests 4 and 7 start a new window: they went only after the previous reset.
    expect(arrivals[3]).toBeGreaterThanOrEqual((arrivals[0] as number) + 59_000);
    expect(arrivals[6]).toBeGreaterThanOrEqual((arrivals[3] as number) + 59_000);
    expect(client.stats().rateLimitWaits).toBe(2);
  });

  it("waits for the reset and retries the same request after a 403 with remaining 0", async () => {
    const clock = createWarpClock();
    let resetAt = 0;
    const arrivals: number[] = [];
    server.setHandler((req) => {
      arrivals.push(clock.now());
      if (req.index === 0) {
        resetAt = clock.now() + 30_000;
        return {
          status: 403,
          headers: rateLimitHeaders(0, resetAt),
          body: { message: "API rate limit exceeded for user ID 1." },
        };
      }
      return { body: { ok: true } };
    });
    const client = testClient(server.url, {}, { clock });
    const retries = collect<RetryEvent>();
    client.scheduler.on("retry", retries.push);
    const response = await client.octokit.request("GET /repos/{o}/{r}/labels", { o: "a", r: "b" });
    expect(response.data).toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
    expect(arrivals[1]).toBeGreaterThanOrEqual(Math.ceil(resetAt / 1000) * 1000);
    expect(retries.list).toMatchObject([
      { reason: "rate-limit", status: 403, route: "GET /repos/{o}/{r}/labels" },
    ]);
  });

  it("treats a GraphQL 200 with a RATE_LIMITED error as a primary limit", async () => {
    const clock = createWarpClock();
    server.setHandler((req) => {
      if (req.index === 0) {
        return {
          headers: rateLimitHeaders(0, clock.now() + 10_000, "graphql"),
          body: { data: null, errors: [{ type: "RATE_LIMITED", message: "API rate limit exceeded" }] },
        };
      }
      return {
        headers: rateLimitHeaders(4999, clock.now() + 3_600_000, "graphql"),
        body: { data: { viewer: 1 } },
      };
    });
    const client = testClient(server.url, {}, { clock });
    const waits = collect<WaitEvent>();
    client.scheduler.on("wait", waits.push);
    const data = await client.octokit.graphql("query { viewer { login } }");
    expect(data).toEqual({ viewer: 1 });
    expect(waits.list).toMatchObject([{ reason: "rate-limit", resource: "graphql" }]);
    expect(client.stats().byRoute).toEqual({ "POST /graphql": 2 });
    expect(client.stats().rateLimits.graphql?.remaining).toBe(4999);
  });

  it("gives up after maxRateLimitWaits", async () => {
    const clock = createWarpClock();
    server.setHandler(() => ({
      status: 429,
      headers: rateLimitHeaders(0, clock.now() + 1000),
      body: { message: "API rate limit exceeded" },
    }));
    const client = testClient(server.url, {}, { clock, maxRateLimitWaits: 2 });
    await expect(client.octokit.request("GET /x")).rejects.toMatchObject({ status: 429 });
    expect(server.requests).toHaveLength(3);
  });
});

describe("secondary rate limit", () => {
  it("honours retry-after, pausing every request, and halves concurrency", async () => {
    const clock = createWarpClock();
    const arrivals: number[] = [];
    server.setHandler((req) => {
      arrivals.push(clock.now());
      if (req.index === 0) {
        return {
          status: 403,
          headers: { "retry-after": "3" },
          body: { message: "You have exceeded a secondary rate limit. Please wait a few minutes." },
        };
      }
      return { body: {} };
    });
    const client = testClient(server.url, { concurrency: 8 }, { clock, increaseEvery: 2 });
    const waits = collect<WaitEvent>();
    const changes = collect<ConcurrencyEvent>();
    client.scheduler.on("wait", waits.push);
    client.scheduler.on("concurrency", changes.push);
    await client.octokit.request("GET /first");
    expect(arrivals[1]).toBeGreaterThanOrEqual((arrivals[0] as number) + 3000);
    expect(waits.list).toMatchObject([{ reason: "secondary-rate-limit" }]);
    expect(changes.list[0]).toEqual({ from: 8, to: 4, reason: "secondary-rate-limit" });
    expect(client.scheduler.concurrency).toBe(4);
    expect(client.stats().secondaryLimitHits).toBe(1);

    // Recovery: +1 per `increaseEvery` (2) successes, up to the configured maximum.
    await Promise.all(Array.from({ length: 12 }, () => client.octokit.request("GET /more")));
    expect(client.scheduler.concurrency).toBe(8);
    expect(changes.list.slice(1).map((c) => [c.to, c.reason])).toEqual([
      [5, "recovered"],
      [6, "recovered"],
      [7, "recovered"],
      [8, "recovered"],
    ]);
  });

  it("waits the fallback (60 s) when no retry-after is sent", async () => {
    const clock = createWarpClock();
    const arrivals: number[] = [];
    server.setHandler((req) => {
      arrivals.push(clock.now());
      return req.index === 0
        ? { status: 403, body: { message: "You have exceeded a secondary rate limit" } }
        : { body: {} };
    });
    const client = testClient(server.url, {}, { clock });
    await client.octokit.request("GET /x");
    expect(arrivals[1]).toBeGreaterThanOrEqual((arrivals[0] as number) + 60_000);
  });

  it("treats a burst of rejections as one signal (concurrency halves once)", async () => {
    const clock = createWarpClock();
    const release = deferred();
    let rejecting = true;
    server.setHandler(() => {
      if (!rejecting) return { body: {} };
      if (server.inFlight >= 8) release.resolve();
      return {
        until: release.promise,
        status: 429,
        headers: { "retry-after": "1" },
        body: { message: "secondary rate limit" },
      };
    });
    const client = testClient(server.url, { concurrency: 8 }, { clock });
    const changes = collect<ConcurrencyEvent>();
    client.scheduler.on("concurrency", changes.push);
    const all = Promise.all(Array.from({ length: 8 }, () => client.octokit.request("GET /burst")));
    await release.promise;
    rejecting = false;
    await all;
    expect(changes.list).toEqual([{ from: 8, to: 4, reason: "secondary-rate-limit" }]);
    expect(client.stats().secondaryLimitHits).toBe(8);
  });
});

describe("transient failures", () => {
  it("retries 5xx with seeded full-jitter backoff and succeeds", async () => {
    const clock = createWarpClock();
    server.setHandler((req) =>
      req.index < 3 ? { status: [500, 502, 503][req.index], body: {} } : { body: "ok" },
    );
    const client = testClient(
      server.url,
      {},
      { clock, backoff: { baseMs: 500, capMs: 30_000 }, random: seededRandom(42) },
    );
    const retries = collect<RetryEvent>();
    client.scheduler.on("retry", retries.push);
    const response = await client.octokit.request("GET /flaky");
    expect(response.status).toBe(200);
    const random = seededRandom(42);
    const backoff = { baseMs: 500, capMs: 30_000 };
    expect(retries.list.map((r) => [r.reason, r.status, r.delayMs])).toEqual([
      ["server-error", 500, fullJitterDelay(1, backoff, random)],
      ["server-error", 502, fullJitterDelay(2, backoff, random)],
      ["server-error", 503, fullJitterDelay(3, backoff, random)],
    ]);
    expect(client.stats().retries).toBe(3);
    expect(client.stats().byStatus).toEqual({ "200": 1, "500": 1, "502": 1, "503": 1 });
  });

  it("retries a reset connection", async () => {
    server.setHandler((req) => (req.index === 0 ? { reset: true } : { body: { fine: 1 } }));
    const client = testClient(server.url);
    const retries = collect<RetryEvent>();
    client.scheduler.on("retry", retries.push);
    const response = await client.octokit.request("GET /reset");
    expect(response.data).toEqual({ fine: 1 });
    expect(retries.list.map((r) => r.reason)).toEqual(["network"]);
    expect(client.stats().byStatus).toEqual({ "200": 1, network: 1 });
  });

  it("throws the last error after maxRetries", async () => {
    server.setHandler(() => ({ status: 503, body: { message: "unavailable" } }));
    const client = testClient(server.url, { maxRetries: 3 });
    await expect(client.octokit.request("GET /down")).rejects.toMatchObject({ status: 503 });
    expect(server.requests).toHaveLength(4);
  });

  it.each([400, 401, 403, 404, 409, 410, 422])("does not retry %i", async (status) => {
    server.setHandler(() => ({ status, body: { message: `status ${status}` } }));
    const client = testClient(server.url);
    await expect(client.octokit.request("GET /nope")).rejects.toMatchObject({ status });
    expect(server.requests).toHaveLength(1);
    expect(client.stats().retries).toBe(0);
  });

  it("times out a hung attempt and retries it", async () => {
    const hang = deferred();
    server.setHandler((req) =>
      req.index === 0 ? { until: hang.promise, body: {} } : { body: { second: true } },
    );
    const client = testClient(server.url, { requestTimeoutMs: 100 });
    try {
      const response = await client.octokit.request("GET /slow");
      expect(response.data).toEqual({ second: true });
      expect(client.stats().byStatus["200"]).toBe(1);
      expect(client.stats().byStatus.timeout).toBeGreaterThanOrEqual(1);
    } finally {
      hang.resolve();
    }
  });

  it("lets a request override the timeout (request.timeoutMs, 0 = none)", async () => {
    server.setHandler(() => ({ delayMs: 120, body: { slow: true } }));
    const client = testClient(server.url, { requestTimeoutMs: 20 });
    const response = await client.octokit.request("POST /uploads", { request: { timeoutMs: 0 } });
    expect(response.data).toEqual({ slow: true });
    expect(server.requests).toHaveLength(1);
  });

  it("throws a RequestTimeoutError when every attempt times out", async () => {
    const hang = deferred();
    server.setHandler(() => ({ until: hang.promise, body: {} }));
    const client = testClient(server.url, { requestTimeoutMs: 30, maxRetries: 1 });
    try {
      await expect(client.octokit.request("GET /never")).rejects.toBeInstanceOf(RequestTimeoutError);
      expect(server.requests).toHaveLength(2);
    } finally {
      hang.resolve();
    }
  });

  it("retries a GraphQL 502 only graphqlTimeoutRetries times so the caller can shrink the page", async () => {
    server.setHandler(() => ({
      status: 502,
      body: { message: "We couldn't respond to your request in time" },
    }));
    const client = testClient(server.url);
    await expect(client.octokit.graphql("query { viewer { login } }")).rejects.toMatchObject({ status: 502 });
    expect(server.requests).toHaveLength(2);
  });
});

describe("abort", () => {
  it("drops queued requests with an AbortError and leaves the server untouched", async () => {
    const client = testClient(server.url, { concurrency: 1 });
    const hold = deferred();
    server.setHandler((req) => (req.path === "/held" ? { until: hold.promise, body: {} } : { body: {} }));
    const first = client.octokit.request("GET /held");
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    const controller = new AbortController();
    const queued = [1, 2, 3].map((i) =>
      client.octokit.request("GET /queued/{i}", { i, request: { signal: controller.signal } }),
    );
    controller.abort();
    for (const q of queued) await expect(q).rejects.toMatchObject({ name: "AbortError" });
    hold.resolve();
    await first;
    expect(server.requests.map((r) => r.path)).toEqual(["/held"]);
    expect(client.stats().queued).toBe(0);
  });

  it("ends a rate-limit wait early when the client-level signal aborts", async () => {
    const controller = new AbortController();
    server.setHandler(() => ({
      status: 403,
      headers: rateLimitHeaders(0, Date.now() + 3_600_000),
      body: { message: "API rate limit exceeded" },
    }));
    const client = testClient(server.url, { signal: controller.signal });
    const waiting = client.octokit.request("GET /x");
    client.scheduler.once("wait", () => controller.abort());
    await expect(waiting).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
  });

  it("aborts a request in flight", async () => {
    const hang = deferred();
    server.setHandler(() => ({ until: hang.promise, body: {} }));
    const client = testClient(server.url);
    const controller = new AbortController();
    const pending = client.octokit.request("GET /slow", { request: { signal: controller.signal } });
    while (server.requests.length === 0) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    try {
      await expect(pending).rejects.toMatchObject({ name: "AbortError" });
      expect(client.stats().byStatus).toEqual({ aborted: 1 });
      expect(client.stats().retries).toBe(0);
    } finally {
      hang.resolve();
    }
  });
});

describe("counting", () => {
  it("counts by route template, by status and for GraphQL as POST /graphql", async () => {
    server.setHandler((req) =>
      req.path.endsWith("/missing")
        ? { status: 404, body: { message: "Not Found" } }
        : { body: { data: {} } },
    );
    const client = testClient(server.url);
    for (const n of [1, 2, 3]) {
      await client.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
        owner: "o",
        repo: "r",
        issue_number: n,
      });
    }
    await client.octokit
      .request("GET /repos/{owner}/{repo}/missing", { owner: "o", repo: "r" })
      .catch(() => {});
    await client.octokit.graphql("query { a }");
    await client.octokit.graphql("query { b }");
    const stats = client.stats();
    expect(stats.byRoute).toEqual({
      "GET /repos/{owner}/{repo}/issues/{issue_number}": 3,
      "GET /repos/{owner}/{repo}/missing": 1,
      "POST /graphql": 2,
    });
    expect(stats.byStatus).toEqual({ "200": 5, "404": 1 });
    expect(stats.requests).toBe(6);
    expect(stats.inFlight).toBe(0);
  });
});
