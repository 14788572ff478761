import { describe, expect, it } from "vitest";
import { seededRandom } from "../../src/github/backoff.js";
import {
  type AttemptOutcome,
  decideRetry,
  NO_RETRIES,
  type RetryCounts,
  type RetryFacts,
  type RetryPolicy,
} from "../../src/github/retry-decision.js";

const NOW = 1_700_000_000_000;

function policy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    maxRetries: 3,
    maxRateLimitWaits: 2,
    graphqlTimeoutRetries: 1,
    secondaryFallbackMs: 60_000,
    rateLimitFallbackMs: 45_000,
    resetMarginMs: 1000,
    backoff: { baseMs: 500, capMs: 30_000 },
    random: seededRandom(7),
    ...overrides,
  };
}

const REST_READ = { resource: "core", isGraphQL: false, contentCreating: false };
const REST_WRITE = { resource: "core", isGraphQL: false, contentCreating: true };
const GRAPHQL = { resource: "graphql", isGraphQL: true, contentCreating: false };
const GRAPHQL_MUTATION = { resource: "graphql", isGraphQL: true, contentCreating: true };

function facts(outcome: AttemptOutcome, overrides: Partial<RetryFacts> = {}): RetryFacts {
  return {
    outcome,
    request: REST_READ,
    spent: NO_RETRIES,
    canCheckWrite: false,
    writeNotApplied: false,
    now: NOW,
    ...overrides,
  };
}

function counts(retries: number, rateLimitWaits = 0, graphqlTimeouts = 0): RetryCounts {
  return { retries, rateLimitWaits, graphqlTimeouts };
}

const SERVER_ERROR: AttemptOutcome = { kind: "transient", reason: "server-error", status: 502 };

describe("decideRetry", () => {
  it("gives up when the caller aborted, whatever budget is left", () => {
    expect(decideRetry(facts({ kind: "aborted" }), policy())).toEqual({
      action: "give-up",
      reason: "aborted",
    });
  });

  it("gives up on a final answer (a 404, a 422)", () => {
    expect(decideRetry(facts({ kind: "fatal" }), policy())).toEqual({ action: "give-up", reason: "fatal" });
  });

  describe("transient failures", () => {
    it("retries a 5xx after a full-jitter backoff drawn from the injected random", () => {
      const expected = Math.floor(seededRandom(7)() * 500);
      expect(decideRetry(facts(SERVER_ERROR), policy())).toEqual({
        action: "retry",
        reason: "server-error",
        delayMs: expected,
        spent: counts(1),
      });
    });

    it("backs off longer as retries are spent (the ceiling doubles)", () => {
      const third = decideRetry(facts(SERVER_ERROR, { spent: counts(2) }), policy({ random: () => 0.999 }));
      expect(third).toMatchObject({ action: "retry", delayMs: 1998, spent: counts(3) });
    });

    it("retries a reset connection and a timed-out attempt", () => {
      for (const reason of ["network", "timeout"] as const) {
        expect(decideRetry(facts({ kind: "transient", reason }), policy())).toMatchObject({
          action: "retry",
          reason,
          spent: counts(1),
        });
      }
    });

    it("gives up once maxRetries are spent", () => {
      expect(decideRetry(facts(SERVER_ERROR, { spent: counts(3) }), policy())).toEqual({
        action: "give-up",
        reason: "retries-spent",
      });
    });

    it("retries a GraphQL timeout only graphqlTimeoutRetries times, so the caller can shrink its page", () => {
      const timeout: AttemptOutcome = { kind: "transient", reason: "graphql-timeout", status: 502 };
      const first = decideRetry(facts(timeout, { request: GRAPHQL }), policy());
      expect(first).toMatchObject({ action: "retry", reason: "graphql-timeout", spent: counts(1, 0, 1) });
      expect(decideRetry(facts(timeout, { request: GRAPHQL, spent: counts(1, 0, 1) }), policy())).toEqual({
        action: "give-up",
        reason: "graphql-timeouts-spent",
      });
    });
  });

  describe("writes that may have been applied", () => {
    it("never sends a content-creating REST write again blindly: with no way to check, it gives up", () => {
      for (const reason of ["server-error", "network", "timeout"] as const) {
        expect(decideRetry(facts({ kind: "transient", reason }, { request: REST_WRITE }), policy())).toEqual({
          action: "give-up",
          reason: "ambiguous-write",
        });
      }
    });

    it("asks for the write to be looked up first when it can be", () => {
      expect(
        decideRetry(facts(SERVER_ERROR, { request: REST_WRITE, canCheckWrite: true }), policy()),
      ).toEqual({ action: "check-write" });
    });

    it("sends it again once GitHub is known not to have applied it", () => {
      const decision = decideRetry(
        facts(SERVER_ERROR, { request: REST_WRITE, canCheckWrite: true, writeNotApplied: true }),
        policy(),
      );
      expect(decision).toMatchObject({ action: "retry", reason: "server-error", spent: counts(1) });
    });

    it("still respects maxRetries after the lookup", () => {
      const decision = decideRetry(
        facts(SERVER_ERROR, { request: REST_WRITE, writeNotApplied: true, spent: counts(3) }),
        policy(),
      );
      expect(decision).toEqual({ action: "give-up", reason: "retries-spent" });
    });

    it("retries a content-creating GraphQL mutation as before: only REST writes are looked up", () => {
      expect(decideRetry(facts(SERVER_ERROR, { request: GRAPHQL_MUTATION }), policy())).toMatchObject({
        action: "retry",
      });
    });

    it("does not look anything up for a rate limit: the write was refused, not applied", () => {
      const limited = decideRetry(
        facts(
          { kind: "secondary", limits: { retryAfterMs: 3000 } },
          { request: REST_WRITE, canCheckWrite: true },
        ),
        policy(),
      );
      expect(limited).toMatchObject({ action: "pause-all" });
    });
  });

  describe("secondary rate limit", () => {
    it("pauses every request for retry-after", () => {
      expect(decideRetry(facts({ kind: "secondary", limits: { retryAfterMs: 7000 } }), policy())).toEqual({
        action: "pause-all",
        reason: "secondary-rate-limit",
        waitMs: 7000,
        spent: counts(1),
      });
    });

    it("pauses for the fallback when no retry-after is sent", () => {
      expect(decideRetry(facts({ kind: "secondary", limits: {} }), policy())).toMatchObject({
        action: "pause-all",
        waitMs: 60_000,
      });
    });

    it("shares maxRetries with transient failures", () => {
      expect(
        decideRetry(
          facts({ kind: "secondary", limits: { retryAfterMs: 1 } }, { spent: counts(3) }),
          policy(),
        ),
      ).toEqual({ action: "give-up", reason: "retries-spent" });
    });
  });

  describe("primary rate limit", () => {
    it("waits for the reset of the bucket the answer names", () => {
      const outcome: AttemptOutcome = {
        kind: "primary",
        limits: { resource: "search", resetAt: NOW + 30_000 },
      };
      expect(decideRetry(facts(outcome), policy())).toEqual({
        action: "wait-for-reset",
        reason: "rate-limit",
        resource: "search",
        resetAt: NOW + 30_000,
        spent: counts(0, 1),
      });
    });

    it("falls back to the request's own bucket when the answer names none", () => {
      const outcome: AttemptOutcome = { kind: "primary", limits: { resetAt: NOW + 5000 } };
      expect(decideRetry(facts(outcome, { request: GRAPHQL }), policy())).toMatchObject({
        resource: "graphql",
      });
    });

    it("waits the fallback when no reset is sent", () => {
      expect(decideRetry(facts({ kind: "primary", limits: {} }), policy())).toMatchObject({
        resetAt: NOW + 45_000,
      });
    });

    it("still waits a little when the reset is already past (clock skew), never spinning", () => {
      const past: AttemptOutcome = { kind: "primary", limits: { resetAt: NOW - 10_000 } };
      expect(decideRetry(facts(past), policy({ resetMarginMs: 200 }))).toMatchObject({ resetAt: NOW + 1000 });
      expect(decideRetry(facts(past), policy({ resetMarginMs: 3000 }))).toMatchObject({
        resetAt: NOW + 3000,
      });
    });

    it("gives up after maxRateLimitWaits, independently of the retries", () => {
      const outcome: AttemptOutcome = { kind: "primary", limits: { resetAt: NOW + 1000 } };
      expect(decideRetry(facts(outcome, { spent: counts(3, 1) }), policy())).toMatchObject({
        action: "wait-for-reset",
        spent: counts(3, 2),
      });
      expect(decideRetry(facts(outcome, { spent: counts(0, 2) }), policy())).toEqual({
        action: "give-up",
        reason: "rate-limit-waits-spent",
      });
    });
  });

  it("never changes the counts it is given", () => {
    const spent = counts(1, 1, 0);
    decideRetry(facts(SERVER_ERROR, { spent }), policy());
    decideRetry(facts({ kind: "primary", limits: {} }, { spent }), policy());
    expect(spent).toEqual(counts(1, 1, 0));
    expect(NO_RETRIES).toEqual(counts(0));
  });
});
