import { afterEach, describe, expect, it } from "vitest";
import type { FakeRequest, RouteDef } from "../../../fake-github/http/types.js";
import { type FakeGitHub, type FakeGitHubOptions, startFakeGitHub } from "../../../fake-github/index.js";
import { authHeader, failure, ManualClock, octokitFor, until } from "./helpers.js";

let fake: FakeGitHub | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  fake = await startFakeGitHub({ dataset: "small", seed: 5, ...options });
  return fake;
}

function names(f: FakeGitHub): { owner: string; repo: string } {
  return { owner: f.dataset?.repo.ownerLogin ?? "", repo: f.dataset?.repo.name ?? "" };
}

describe("primary rate limit", () => {
  it("reports a full budget on every response while the knob is off", async () => {
    const f = await start();
    const octokit = octokitFor(f);
    for (let i = 0; i < 3; i++) {
      const res = await octokit.request("GET /repos/{owner}/{repo}/labels", names(f));
      expect(res.headers["x-ratelimit-limit"]).toBe("5000");
      expect(res.headers["x-ratelimit-remaining"]).toBe("5000");
      expect(res.headers["x-ratelimit-resource"]).toBe("core");
      expect(Number(res.headers["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    }
    const missing = await failure(octokit.request("GET /nothing/here"));
    expect(missing.headers["x-ratelimit-remaining"]).toBe("5000");
  });

  it("counts requests, answers 403 with remaining 0 once spent, and refills after windowMs", async () => {
    const clock = new ManualClock();
    const f = await start({ clock: clock.now, rateLimit: { limit: 3, windowMs: 60_000 } });
    const octokit = octokitFor(f);
    const remaining: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await octokit.request("GET /repos/{owner}/{repo}/labels", names(f));
      remaining.push(res.headers["x-ratelimit-remaining"]);
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await failure(octokit.request("GET /repos/{owner}/{repo}/milestones", names(f)));
    expect(limited.status).toBe(403);
    expect(limited.headers["x-ratelimit-remaining"]).toBe("0");
    expect(limited.headers["x-ratelimit-used"]).toBe("3");
    expect(limited.headers["x-ratelimit-reset"]).toBe(String(Math.ceil((clock.value + 60_000) / 1000)));
    expect((limited.data as { message: string }).message).toMatch(
      new RegExp(`^API rate limit exceeded for user ID ${f.dataset?.tokenUser.id}\\.`),
    );
    // GET /rate_limit is free and shows the spent budget.
    const status = await octokit.request("GET /rate_limit");
    expect(status.data.resources.core).toMatchObject({ limit: 3, used: 3, remaining: 0 });

    clock.advance(60_000);
    const again = await octokit.request("GET /repos/{owner}/{repo}/labels", names(f));
    expect(again.headers["x-ratelimit-remaining"]).toBe("2");
  });

  it("uses 429 when configured, and a 60/window budget per IP for anonymous reads", async () => {
    const clock = new ManualClock();
    const f = await start({ clock: clock.now, rateLimit: { anonymousLimit: 1 }, rateLimitStatus: 429 });
    const anonymous = octokitFor(f, null);
    const first = await anonymous.request("GET /repos/{owner}/{repo}", names(f));
    expect(first.headers["x-ratelimit-limit"]).toBe("1");
    const limited = await failure(anonymous.request("GET /repos/{owner}/{repo}", names(f)));
    expect(limited.status).toBe(429);
    expect((limited.data as { message: string }).message).toMatch(
      /^API rate limit exceeded for 127\.0\.0\.1/,
    );
    // The token's own budget is untouched.
    const authed = await octokitFor(f).request("GET /repos/{owner}/{repo}", names(f));
    expect(authed.headers["x-ratelimit-remaining"]).toBe("4999");
  });

  it("a 304 Not Modified for a matching ETag costs nothing", async () => {
    const f = await start({ rateLimit: { limit: 10 } });
    const url = `${f.url}/repos/${names(f).owner}/${names(f).repo}/labels`;
    const first = await fetch(url, { headers: authHeader(f.token) });
    await first.arrayBuffer();
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(first.headers.get("x-ratelimit-remaining")).toBe("9");
    const second = await fetch(url, { headers: { ...authHeader(f.token), "if-none-match": etag } });
    expect(second.status).toBe(304);
    expect(second.headers.get("x-ratelimit-remaining")).toBe("9");
  });
});

/** A route that waits until the test opens the gate, to hold requests in flight. */
function gatedRoute() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  let entered = 0;
  const route: RouteDef = {
    method: "GET",
    template: "/test/slow",
    handler: async () => {
      entered++;
      await gate;
      return { status: 200, body: { ok: true } };
    },
  };
  return { route, open: () => open(), entered: () => entered };
}

const contentRoute: RouteDef = {
  method: "POST",
  template: "/test/things",
  contentCreating: true,
  handler: () => ({ status: 201, body: { created: true } }),
};

const graphqlStandIn: RouteDef = {
  method: "POST",
  template: "/test/graphql",
  resource: "graphql",
  handler: (req: FakeRequest) => ({ status: 200, body: { data: null, echo: req.body } }),
};

describe("secondary rate limits", () => {
  it("rejects requests beyond maxInFlight with 403 and retry-after, then recovers", async () => {
    const gated = gatedRoute();
    const f = await start({ secondary: { maxInFlight: 2 }, extraRoutes: [gated.route] });
    const octokit = octokitFor(f);
    const requests = Array.from({ length: 5 }, () => failureOrStatus(octokit.request("GET /test/slow")));
    await until(
      () => gated.entered() === 2 && (f.stats.byStatus["403"] ?? 0) === 3,
      "2 in flight and 3 rejected",
    );
    gated.open();
    const results = await Promise.all(requests);
    expect(results.filter((r) => r.status === 200)).toHaveLength(2);
    const rejected = results.filter((r) => r.status === 403);
    expect(rejected).toHaveLength(3);
    for (const r of rejected) {
      expect(r.message).toMatch(/secondary rate limit/);
      expect(r.retryAfter).toBe("60");
    }
    expect(f.stats.peakInFlight).toBeGreaterThanOrEqual(3);
    const after = await octokit.request("GET /test/slow");
    expect(after.status).toBe(200);
  });

  it("limits points per endpoint per window and sends retry-after until the window ends", async () => {
    const clock = new ManualClock();
    const f = await start({ clock: clock.now, secondary: { restPointsPerMinute: 3, windowMs: 10_000 } });
    const octokit = octokitFor(f);
    for (let i = 0; i < 3; i++) await octokit.request("GET /repos/{owner}/{repo}/labels", names(f));
    clock.advance(2_500);
    const limited = await failure(octokit.request("GET /repos/{owner}/{repo}/labels", names(f)));
    expect(limited.status).toBe(403);
    expect(limited.headers["retry-after"]).toBe("8");
    expect((limited.data as { message: string }).message).toMatch(
      /^You have exceeded a secondary rate limit/,
    );
    // Another endpoint has its own budget.
    await octokit.request("GET /repos/{owner}/{repo}/milestones", names(f));
    clock.advance(7_500);
    const recovered = await octokit.request("GET /repos/{owner}/{repo}/labels", names(f));
    expect(recovered.status).toBe(200);
  });

  it("counts writes as 5 points and honours a fixed retryAfterSeconds", async () => {
    const clock = new ManualClock();
    const f = await start({
      clock: clock.now,
      secondary: { restPointsPerMinute: 9, retryAfterSeconds: 0 },
      extraRoutes: [contentRoute],
    });
    const octokit = octokitFor(f);
    await octokit.request("POST /test/things");
    const limited = await failure(octokit.request("POST /test/things"));
    expect(limited.status).toBe(403);
    expect(limited.headers["retry-after"]).toBe("0");
  });

  it("limits content creation per minute and per hour", async () => {
    const clock = new ManualClock();
    const f = await start({
      clock: clock.now,
      secondary: { contentPerMinute: 2, contentPerHour: 3, windowMs: 1_000 },
      extraRoutes: [contentRoute],
    });
    const octokit = octokitFor(f);
    await octokit.request("POST /test/things");
    await octokit.request("POST /test/things");
    expect((await failure(octokit.request("POST /test/things"))).status).toBe(403);
    clock.advance(1_000);
    await octokit.request("POST /test/things");
    const hourly = await failure(octokit.request("POST /test/things"));
    expect(hourly.status).toBe(403);
    expect(hourly.headers["retry-after"]).toBe("59");
    clock.advance(59_000);
    expect((await octokit.request("POST /test/things")).status).toBe(201);
  });

  it("counts content creation over sliding windows: no more than the limit in any window", async () => {
    const clock = new ManualClock();
    const f = await start({
      clock: clock.now,
      secondary: { contentPerMinute: 2, windowMs: 1_000 },
      extraRoutes: [contentRoute],
    });
    const octokit = octokitFor(f);
    await octokit.request("POST /test/things");
    clock.advance(900);
    await octokit.request("POST /test/things");
    // A fixed window would start afresh at 1,000 ms; the one at 900 ms is still within the last second.
    clock.advance(200);
    await octokit.request("POST /test/things");
    const limited = await failure(octokit.request("POST /test/things"));
    expect(limited.status).toBe(403);
    expect(limited.headers["retry-after"]).toBe("1");
    clock.advance(800);
    expect((await octokit.request("POST /test/things")).status).toBe(201);
    expect(f.stats.contentCreated).toBe(4);
  });

  it("charges GraphQL queries 1 point and mutations 5 against the GraphQL budget", async () => {
    const clock = new ManualClock();
    const f = await start({
      clock: clock.now,
      secondary: { graphqlPointsPerMinute: 7 },
      extraRoutes: [graphqlStandIn],
    });
    const octokit = octokitFor(f);
    await octokit.request("POST /test/graphql", { query: "query { viewer { login } }" });
    await octokit.request("POST /test/graphql", { query: "# add\n mutation { addThing }" });
    await octokit.request("POST /test/graphql", { query: "{ viewer { login } }" });
    const limited = await failure(octokit.request("POST /test/graphql", { query: "{ viewer { login } }" }));
    expect(limited.status).toBe(403);
    expect(limited.headers["x-ratelimit-resource"]).toBe("graphql");
  });

  it("counts GraphQL mutations that create content against the content limits, other mutations not", async () => {
    const clock = new ManualClock();
    const f = await start({
      clock: clock.now,
      secondary: { contentPerMinute: 1, windowMs: 1_000 },
      extraRoutes: [graphqlStandIn],
    });
    const octokit = octokitFor(f);
    const create =
      'mutation { addDiscussionComment(input: { discussionId: "D_1", body: "x" }) { comment { id } } }';
    await octokit.request("POST /test/graphql", {
      query: "mutation { updateDiscussion(input: {}) { clientMutationId } }",
    });
    await octokit.request("POST /test/graphql", { query: create });
    expect(f.stats.contentCreated).toBe(1);
    expect((await failure(octokit.request("POST /test/graphql", { query: create }))).status).toBe(403);
    clock.advance(1_000);
    await octokit.request("POST /test/graphql", { query: create });
    expect(f.stats.contentCreated).toBe(2);
  });
});

async function failureOrStatus(
  promise: Promise<{ status: number }>,
): Promise<{ status: number; message: string; retryAfter: unknown }> {
  try {
    const res = await promise;
    return { status: res.status, message: "", retryAfter: undefined };
  } catch (error) {
    const e = error as {
      status: number;
      response?: { data?: { message?: string }; headers?: Record<string, unknown> };
    };
    return {
      status: e.status,
      message: e.response?.data?.message ?? "",
      retryAfter: e.response?.headers?.["retry-after"],
    };
  }
}

describe("faults", () => {
  async function statuses(f: FakeGitHub, count: number): Promise<number[]> {
    const octokit = octokitFor(f);
    const out: number[] = [];
    for (let i = 0; i < count; i++) {
      const r = await failureOrStatus(octokit.request("GET /repos/{owner}/{repo}/labels", names(f)));
      out.push(r.status);
    }
    return out;
  }

  it("injects errors at the seeded rate, the same sequence for the same seed", async () => {
    const f = await start({ faults: { rate: 0.3, seed: 42 } });
    const first = await statuses(f, 40);
    const failed = first.filter((s) => s !== 200);
    expect(failed.length).toBeGreaterThan(3);
    expect(failed.length).toBeLessThan(25);
    expect(failed.every((s) => [500, 502, 503].includes(s))).toBe(true);

    f.configure({ faults: { rate: 0.3, seed: 42 } });
    expect(await statuses(f, 40)).toEqual(first);
    f.configure({ faults: { rate: 0.3, seed: 43 } });
    expect(await statuses(f, 40)).not.toEqual(first);
    f.configure({ faults: null });
    expect((await statuses(f, 10)).every((s) => s === 200)).toBe(true);
  });

  it("restricts faults to the listed routes and to the listed statuses", async () => {
    const f = await start({
      faults: { rate: 1, statuses: [504], routes: ["GET /repos/{owner}/{repo}/milestones"] },
    });
    const octokit = octokitFor(f);
    expect((await octokit.request("GET /repos/{owner}/{repo}/labels", names(f))).status).toBe(200);
    const failed = await failure(octokit.request("GET /repos/{owner}/{repo}/milestones", names(f)));
    expect(failed.status).toBe(504);
  });

  it("resets connections without an answer", async () => {
    const f = await start({ faults: { rate: 0, resetRate: 1 } });
    const url = `${f.url}/repos/${names(f).owner}/${names(f).repo}/labels`;
    await expect(fetch(url, { headers: authHeader(f.token) })).rejects.toThrow();
    expect(f.stats.byStatus["0"]).toBe(1);
  });

  it("runs a scripted fault: the 3rd GET of labels fails with 502 (twice), then all is well", async () => {
    const f = await start({
      script: [{ route: "/repos/{owner}/{repo}/labels", method: "GET", nth: 3, times: 2, status: 502 }],
    });
    expect(await statuses(f, 6)).toEqual([200, 200, 502, 502, 200, 200]);
  });

  it("scripts resets, custom bodies and headers, and delays", async () => {
    const f = await start({
      script: [
        { route: "GET /repos/{owner}/{repo}/labels", nth: 1, reset: true },
        {
          route: "GET /repos/{owner}/{repo}/labels",
          nth: 2,
          status: 403,
          body: { message: "custom" },
          headers: { "Retry-After": "3" },
        },
      ],
    });
    const url = `${f.url}/repos/${names(f).owner}/${names(f).repo}/labels`;
    await expect(fetch(url, { headers: authHeader(f.token) })).rejects.toThrow();
    const second = await fetch(url, { headers: authHeader(f.token) });
    expect(second.status).toBe(403);
    expect(second.headers.get("retry-after")).toBe("3");
    expect(await second.json()).toEqual({ message: "custom" });
    expect((await fetch(url, { headers: authHeader(f.token) })).status).toBe(200);
  });
});

describe("latency", () => {
  it("delays every API answer by at least latencyMs", async () => {
    const f = await start({ latencyMs: 40 });
    const octokit = octokitFor(f);
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      await octokit.request("GET /repos/{owner}/{repo}/labels", names(f));
      // Timers may fire a fraction of a millisecond early.
      expect(performance.now() - started).toBeGreaterThanOrEqual(39);
    }
    expect(f.stats.log.every((entry) => entry.durationMs >= 39)).toBe(true);
    f.configure({ latencyMs: 0 });
    expect(f.knobs().latencyMs).toBe(0);
  });
});
