// The fault suite: each case saves the same fake repository while the server
// misbehaves in one way (seeded, so every run sees the same faults), and the
// entity files must be byte-identical to a fault-free save of the same data.
// Each case also checks that its faults really happened.
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, type FakeKnobs, type FakeStats, startFakeGitHub } from "../../fake-github/index.js";
import type { RequestStats } from "../../src/github/stats.js";
import {
  backupContent,
  FAST_CLIENT,
  failures,
  removeTempRoots,
  type SaveRequestExtra,
  save,
  saveRequest,
  tempDir,
} from "./helpers.js";

const FAULT_SEED = 4242;
const DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";
const SECONDARY_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";

/** Knobs back to a well-behaved server. */
const CALM: Partial<FakeKnobs> = {
  faults: null,
  script: [],
  rateLimit: null,
  secondary: null,
  graphqlMaxNodesBeforeTimeout: null,
};

/**
 * Far beyond any real answer here (tens of ms, a few hundred on a loaded machine). A request
 * that meets it by bad luck is only retried: nothing below counts on it not happening.
 */
const TIMEOUT_MS = 5_000;
/** The routes whose scripted request is never answered, and which one of each. */
const HELD: Array<[string, number]> = [
  ["GET /repos/{owner}/{repo}/issues/comments", 2],
  ["GET /repos/{owner}/{repo}/pulls", 1],
  ["POST /graphql", 1],
];

const SHARED_BUDGET = 100;
const COMMENTS_ROUTE = "GET /repos/{owner}/{repo}/issues/comments";
/** The one-item issue list that finds the highest number before any issue batch. */
const HIGHEST_NUMBER_ROUTE = "GET /repos/{owner}/{repo}/issues";

/**
 * Another tool with the same token spends the rest of a budget, once the
 * save's client has seen `when` happen: synchronously, in the fake, so every
 * request that reaches the server afterwards meets the spent budget.
 */
function spendBudgetWhen(
  fake: FakeGitHub,
  resource: "core" | "graphql",
  when: (stats: RequestStats) => boolean,
): SaveRequestExtra {
  let spent = false;
  return {
    onStats: (stats) => {
      if (spent || !when(stats)) return;
      spent = true;
      fake.exhaustRateLimit(fake.token, resource);
    },
  };
}

function restRequests(stats: Pick<FakeStats, "byRoute">): number {
  return Object.entries(stats.byRoute)
    .filter(([route]) => route.startsWith("GET /repos/"))
    .reduce((sum, [, n]) => sum + n, 0);
}

function graphqlRequests(stats: Pick<FakeStats, "byRoute">): number {
  return stats.byRoute["POST /graphql"] ?? 0;
}

function count(fake: FakeGitHub, status: string, route?: string): number {
  if (route === undefined) return fake.stats.byStatus[status] ?? 0;
  return fake.stats.byRouteStatus[route]?.[status] ?? 0;
}

interface FaultCase {
  name: string;
  knobs: Partial<FakeKnobs>;
  extra?: (fake: FakeGitHub) => SaveRequestExtra;
  /** The faults really fired (`calm`: the fault-free save's counters). */
  check(fake: FakeGitHub, calm: FakeStats, client: RequestStats): void;
}

const cases: FaultCase[] = [
  {
    name: "5% of requests answered 500/502/503 or reset",
    knobs: { faults: { rate: 0.035, resetRate: 0.015, statuses: [500, 502, 503], seed: FAULT_SEED } },
    check: (fake) => {
      expect(count(fake, "500") + count(fake, "502") + count(fake, "503")).toBeGreaterThan(0);
      expect(count(fake, "0")).toBeGreaterThan(0);
    },
  },
  {
    name: "bursts of secondary-limit 403s with retry-after",
    knobs: {
      script: [
        ["GET /repos/{owner}/{repo}/issues/comments", 2],
        ["POST /graphql", 3],
        ["GET /repos/{owner}/{repo}/pulls/comments", 1],
        ["GET /repos/{owner}/{repo}/labels", 1],
      ].map(([route, nth]) => ({
        route: route as string,
        nth: nth as number,
        times: 4,
        status: 403,
        body: {
          message: SECONDARY_MESSAGE,
          documentation_url: DOCS,
        },
        headers: { "retry-after": "0" },
      })),
    },
    check: (fake) => {
      expect(count(fake, "403", "GET /repos/{owner}/{repo}/issues/comments")).toBe(4);
      expect(count(fake, "403", "POST /graphql")).toBe(4);
    },
  },
  {
    name: "the secondary limit on requests in flight, enforced by the server",
    knobs: { secondary: { maxInFlight: 3, retryAfterSeconds: 0 }, latencyMs: 5 },
    check: (fake) => expect(count(fake, "403")).toBeGreaterThan(0),
  },
  {
    name: "the primary budget running out mid-run, reset a moment later",
    knobs: { rateLimit: { limit: 30, graphqlLimit: 100_000, windowMs: 1_000 } },
    // More REST requests than two budgets: the run waited for at least two resets.
    check: (fake) => expect(restRequests(fake.stats)).toBeGreaterThan(2 * 30),
  },
  {
    // The client paces itself by the budget the headers report; here another
    // tool with the same token spends the rest of it behind the client's
    // back, so requests in the air meet real 403s and wait for the reset.
    name: "a primary-limit 403 the client could not foresee (another tool spent the budget)",
    knobs: { rateLimit: { limit: SHARED_BUDGET, graphqlLimit: 100_000, windowMs: 3_000 } },
    // Spent once the first page of the comment list is in: the other pages,
    // which only that page names, are all sent afterwards.
    extra: (fake) => spendBudgetWhen(fake, "core", (stats) => (stats.byRoute[COMMENTS_ROUTE] ?? 0) >= 1),
    // The save's own client met them (the other tool's 403s count on the server too).
    check: (_fake, _calm, client) => expect(client.byStatus["403"] ?? 0).toBeGreaterThan(0),
  },
  {
    name: "GraphQL RATE_LIMITED until the budget resets",
    knobs: { rateLimit: { limit: 100_000, graphqlLimit: 60, windowMs: 2_000 } },
    // Spent once the highest issue number is known (REST): every GraphQL batch
    // of issues is sent after it and meets RATE_LIMITED until the reset.
    extra: (fake) =>
      spendBudgetWhen(fake, "graphql", (stats) => (stats.byRoute[HIGHEST_NUMBER_ROUTE] ?? 0) >= 1),
    // RATE_LIMITED answers are 200s with an error: more GraphQL requests than without the limit.
    check: (fake, calm, client) => {
      expect(graphqlRequests(fake.stats)).toBeGreaterThan(graphqlRequests(calm));
      expect(client.rateLimitWaits).toBeGreaterThan(0);
    },
  },
  {
    name: "a GraphQL 502 on a large batch: the batch is halved",
    knobs: { graphqlMaxNodesBeforeTimeout: 4_000 },
    check: (fake) => expect(count(fake, "502", "POST /graphql")).toBeGreaterThan(0),
  },
  {
    // The answers never come (not merely late: how late would race the save's own duration),
    // so the save can only finish by giving up on each after the timeout and asking again.
    name: "slow responses beyond the request timeout",
    knobs: { script: HELD.map(([route, nth]) => ({ route, nth, hold: true })) },
    extra: () => ({ client: { ...FAST_CLIENT, requestTimeoutMs: TIMEOUT_MS } }),
    // Each held request was closed by the client (499), none is left open.
    check: (fake) => {
      for (const [route] of HELD) expect(count(fake, "499", route), route).toBe(1);
      expect(fake.stats.inFlight).toBe(0);
    },
  },
];

describe("saves under server faults", () => {
  let fake: FakeGitHub;
  let reference: Record<string, string>;
  let calm: FakeStats;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "medium", seed: 5 });
    const dir = join(tempDir(), "reference");
    const result = await save(saveRequest(fake, dir));
    expect(failures(result)).toEqual([]);
    reference = backupContent(dir);
    calm = structuredClone(fake.stats);
  });
  afterEach(() => {
    fake.configure({ ...CALM, latencyMs: 0 });
  });
  afterAll(async () => {
    await fake?.close();
    removeTempRoots();
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_name, fault) => {
    fake.configure(fault.knobs);
    fake.resetStats();
    const dir = join(tempDir(), "backup");
    const result = await save(saveRequest(fake, dir, fault.extra?.(fake)));
    fake.configure(CALM);
    expect(failures(result), JSON.stringify(fake.stats.byStatus)).toEqual([]);
    expect(result.exitCode).toBe(0);
    fault.check(fake, calm, result.requests);
    expect(backupContent(dir)).toEqual(reference);
  });
});
