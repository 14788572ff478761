// The scheduler's small pure parts: request classification, rolling windows,
// backoff, rate-limit bookkeeping, outcome classification, AIMD concurrency.
import { describe, expect, it } from "vitest";
import { fullJitterDelay, seededRandom } from "../../src/github/backoff.js";
import { classifyError, classifyGraphQLBody, isConnectionError } from "../../src/github/classify-outcome.js";
import { AdaptiveConcurrency, type ConcurrencyChange } from "../../src/github/concurrency.js";
import { budgetWindow, RollingWindow, resolveBudgets, WINDOW_MARGIN } from "../../src/github/rate-budget.js";
import { parseRetryAfter, RateLimitTracker } from "../../src/github/rate-limits.js";
import { describeRequest, routeKeyFromRoute } from "../../src/github/route-key.js";

describe("describeRequest", () => {
  it("keys REST requests by method and template, GraphQL as POST /graphql", () => {
    expect(describeRequest({ method: "GET", url: "/repos/{owner}/{repo}/labels" })).toMatchObject({
      routeKey: "GET /repos/{owner}/{repo}/labels",
      resource: "core",
      points: 1,
      contentCreating: false,
      isGraphQL: false,
    });
    expect(describeRequest({ method: "POST", url: "/graphql", query: "query { a }" })).toMatchObject({
      routeKey: "POST /graphql",
      resource: "graphql",
      points: 1,
      isMutation: false,
    });
    expect(
      describeRequest({
        method: "POST",
        url: "https://ghe.example/api/graphql",
        query: "# c\nmutation { addComment(input: {}) { x } }",
      }),
    ).toMatchObject({ routeKey: "POST /graphql", points: 5, isMutation: true, contentCreating: true });
    expect(describeRequest({ method: "GET", url: "/search/issues" }).resource).toBe("search");
  });

  it("strips the base URL and query from absolute URLs, unless a route key is given", () => {
    expect(
      describeRequest({
        method: "GET",
        url: "http://h:1/api/v3/repos/o/r/issues?after=x",
        baseUrl: "http://h:1/api/v3",
      }).routeKey,
    ).toBe("GET /repos/o/r/issues");
    expect(
      describeRequest({
        method: "GET",
        url: "http://h/x?a=1",
        request: { routeKey: "GET /repos/{o}/{r}/issues" },
      }).routeKey,
    ).toBe("GET /repos/{o}/{r}/issues");
    expect(routeKeyFromRoute("/repos/{o}/{r}")).toBe("GET /repos/{o}/{r}");
    expect(routeKeyFromRoute("POST /x")).toBe("POST /x");
  });

  it("recognises content-creating writes", () => {
    const content = (method: string, url: string) => describeRequest({ method, url }).contentCreating;
    expect(content("POST", "/repos/{owner}/{repo}/issues")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/issues/{issue_number}/sub_issues")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/pulls")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/reviews")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies")).toBe(
      true,
    );
    expect(content("POST", "/repos/{owner}/{repo}/releases")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/import/issues")).toBe(true);
    expect(content("POST", "/repos/{owner}/{repo}/labels")).toBe(false);
    expect(content("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}")).toBe(false);
    expect(content("GET", "/repos/{owner}/{repo}/issues")).toBe(false);
    expect(
      describeRequest({ method: "PATCH", url: "/x", request: { contentCreating: true } }).contentCreating,
    ).toBe(true);
  });
});

describe("RollingWindow", () => {
  it("admits up to the limit and says when the next cost fits", () => {
    const window = new RollingWindow(3, 1000);
    for (const t of [0, 100, 200]) {
      expect(window.availableAt(t, 1)).toBe(t);
      window.record(t, 1);
    }
    expect(window.availableAt(300, 1)).toBe(1000);
    expect(window.availableAt(300, 2)).toBe(1100);
    expect(window.availableAt(1000, 1)).toBe(1000);
    expect(window.used(1150)).toBe(1);
  });

  it("lets a cost larger than the limit through once the window is empty", () => {
    const window = new RollingWindow(3, 1000);
    expect(window.availableAt(0, 5)).toBe(0);
    window.record(0, 5);
    expect(window.availableAt(10, 1)).toBe(1000);
  });

  it("spends a full window in one burst, then spreads costs evenly at the sustainable rate", () => {
    const window = new RollingWindow(4, 1000);
    for (let i = 0; i < 4; i++) {
      expect(window.availableAt(0, 1)).toBe(0);
      window.record(0, 1);
    }
    // The burst leaves the window at 1000; after it, one cost per 1000 / 4 ms, not four at once.
    const sent: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i++) {
      now = window.availableAt(now, 1);
      window.record(now, 1);
      sent.push(now);
    }
    expect(sent).toEqual([1000, 1250, 1500, 1750, 2000, 2250]);
    // Every window of 1000 ms holds at most the limit.
    for (const start of sent)
      expect(sent.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(4);
  });

  it("bursts again once the window has emptied", () => {
    const window = new RollingWindow(2, 1000);
    window.record(0, 1);
    window.record(0, 1);
    expect(window.availableAt(1000, 1)).toBe(1000);
    window.record(1000, 1);
    expect(window.availableAt(1001, 1)).toBe(1500);
    // Idle for a whole window: the next two go at once.
    expect(window.availableAt(5000, 1)).toBe(5000);
    window.record(5000, 1);
    expect(window.availableAt(5000, 1)).toBe(5000);
  });

  it("keeps the client's window a little longer than GitHub's", () => {
    const window = budgetWindow(1, 1000);
    window.record(0, 1);
    expect(window.availableAt(0, 1)).toBe(1000 * (1 + WINDOW_MARGIN));
  });

  it("validates budgets", () => {
    expect(resolveBudgets({ contentPerMinute: 10 }).contentPerMinute).toBe(10);
    expect(resolveBudgets(undefined).restPointsPerMinute).toBe(900);
    expect(() => resolveBudgets({ windowMs: 0 })).toThrow(/windowMs/);
  });
});

describe("backoff", () => {
  it("draws full jitter below an exponentially growing, capped ceiling", () => {
    const options = { baseMs: 500, capMs: 30_000 };
    const random = seededRandom(3);
    for (let attempt = 1; attempt <= 10; attempt++) {
      const delay = fullJitterDelay(attempt, options, random);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(30_000, 500 * 2 ** (attempt - 1)));
    }
    expect(fullJitterDelay(3, options, () => 0.5)).toBe(1000);
    expect(fullJitterDelay(20, options, () => 0.999999)).toBe(29_999);
  });

  it("is reproducible from a seed", () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe("RateLimitTracker", () => {
  const headers = (remaining: number, reset: number) => ({ remaining, resetAt: reset, resource: "core" });

  it("keeps the lowest remaining within a window and blocks at the reserve until the reset", () => {
    const tracker = new RateLimitTracker(1000);
    tracker.observe("core", headers(5, 60_000), 0);
    tracker.observe("core", headers(7, 60_000), 1);
    expect(tracker.snapshot(2).core?.remaining).toBe(5);
    tracker.observe("core", headers(2, 60_000), 3);
    expect(tracker.blockedUntil("core", 4, 1)).toBe(0);
    expect(tracker.blockedUntil("core", 5, 2)).toBe(61_000);
    expect(tracker.blockedUntil("graphql", 5, 0)).toBe(0);
    expect(tracker.blockedUntil("core", 61_000, 0)).toBe(0);
  });

  it("replaces the state when a later window begins and ignores older windows", () => {
    const tracker = new RateLimitTracker();
    tracker.observe("core", headers(0, 60_000), 0);
    tracker.observe("core", headers(100, 120_000), 1);
    tracker.observe("core", headers(0, 60_000), 2);
    expect(tracker.snapshot(3).core).toEqual({ limit: null, remaining: 100, resetAt: 120_000 });
  });

  it("parses retry-after seconds and dates", () => {
    expect(parseRetryAfter("2.5", 0)).toBe(2500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
  });
});

describe("classifyError", () => {
  const httpError = (status: number, message: string, headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, response: { status, headers, data: { message } } });

  it("tells primary, secondary, transient and fatal apart", () => {
    expect(
      classifyError(httpError(403, "API rate limit exceeded", { "x-ratelimit-remaining": "0" }), false, 0)
        .kind,
    ).toBe("primary");
    expect(classifyError(httpError(403, "You have exceeded a secondary rate limit"), false, 0).kind).toBe(
      "secondary",
    );
    expect(classifyError(httpError(429, "slow down", { "retry-after": "5" }), false, 0)).toMatchObject({
      kind: "secondary",
      limits: { retryAfterMs: 5000 },
    });
    expect(classifyError(httpError(403, "Resource not accessible by integration"), false, 0).kind).toBe(
      "fatal",
    );
    expect(classifyError(httpError(502, "Bad gateway"), false, 0)).toEqual({
      kind: "transient",
      reason: "server-error",
      status: 502,
    });
    expect(classifyError(httpError(502, "Bad gateway"), true, 0)).toMatchObject({
      reason: "graphql-timeout",
    });
    expect(classifyError(httpError(404, "Not Found"), false, 0).kind).toBe("fatal");
  });

  it("retries connection resets but not refused connections", () => {
    const reset = Object.assign(new Error("fetch failed"), { status: 500, cause: { code: "ECONNRESET" } });
    const refused = Object.assign(new Error("connect ECONNREFUSED"), {
      status: 500,
      cause: Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }),
    });
    expect(isConnectionError(reset)).toBe(true);
    expect(classifyError(reset, false, 0)).toEqual({ kind: "transient", reason: "network" });
    expect(isConnectionError(refused)).toBe(false);
    expect(classifyError(refused, false, 0).kind).toBe("fatal");
    expect(isConnectionError(new Error("socket hang up"))).toBe(true);
  });

  it("reads rate limits and timeouts from GraphQL 200 bodies", () => {
    expect(
      classifyGraphQLBody({ data: {}, errors: [{ type: "RATE_LIMITED", message: "x" }] }, {}, 0)?.kind,
    ).toBe("primary");
    expect(
      classifyGraphQLBody(
        { errors: [{ message: "Something went wrong while executing your query." }] },
        {},
        0,
      ),
    ).toMatchObject({ kind: "transient", reason: "graphql-timeout" });
    expect(
      classifyGraphQLBody({ data: {}, errors: [{ type: "NOT_FOUND", message: "gone" }] }, {}, 0),
    ).toBeNull();
    expect(classifyGraphQLBody({ data: {} }, {}, 0)).toBeNull();
  });
});

describe("AdaptiveConcurrency", () => {
  it("halves on a secondary limit, once per burst, and recovers additively", () => {
    const changes: ConcurrencyChange[] = [];
    const c = new AdaptiveConcurrency(16, 3, (change) => changes.push(change));
    c.onSecondaryLimit(5, 20); // first hit of a burst: 16 → 8
    c.onSecondaryLimit(7, 20); // sent before the decrease: ignored
    c.onSecondaryLimit(21, 25); // sent after it: 8 → 4
    expect(c.current).toBe(4);
    for (let i = 0; i < 6; i++) c.onSuccess();
    expect(c.current).toBe(6);
    c.set(2);
    expect(changes.map((x) => [x.from, x.to, x.reason])).toEqual([
      [16, 8, "secondary-rate-limit"],
      [8, 4, "secondary-rate-limit"],
      [4, 5, "recovered"],
      [5, 6, "recovered"],
      [6, 2, "configured"],
    ]);
    expect(() => c.set(0)).toThrow();
  });

  it("never goes below 1", () => {
    const c = new AdaptiveConcurrency(1, 1, () => {});
    c.onSecondaryLimit(1, 1);
    expect(c.current).toBe(1);
  });
});
