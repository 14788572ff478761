// What the scheduler does after an attempt that did not produce an answer:
// a pure function of the attempt's outcome, what the request has already
// spent of its budgets, and the clock. The scheduler carries the decision out
// (the waits happen in its gate); nothing here has side effects.
import { type BackoffOptions, fullJitterDelay } from "./backoff.js";
import type { Outcome, TransientReason } from "./classify-outcome.js";

/** An attempt's outcome, plus the caller giving up on the request. */
export type AttemptOutcome = Outcome | { kind: "aborted" };

export type RetryReason = TransientReason | "rate-limit" | "secondary-rate-limit";

/** What one request has spent so far; never mutated. */
export interface RetryCounts {
  /** Retries of transient failures and secondary limits. */
  readonly retries: number;
  /** Waits for a primary-limit reset. */
  readonly rateLimitWaits: number;
  /** GraphQL 502/504 timeouts retried. */
  readonly graphqlTimeouts: number;
}

export const NO_RETRIES: RetryCounts = Object.freeze({ retries: 0, rateLimitWaits: 0, graphqlTimeouts: 0 });

/** The scheduler's limits (its options, resolved). */
export interface RetryPolicy {
  maxRetries: number;
  maxRateLimitWaits: number;
  graphqlTimeoutRetries: number;
  /** Pause after a secondary limit without retry-after. */
  secondaryFallbackMs: number;
  /** Pause after a primary limit without x-ratelimit-reset. */
  rateLimitFallbackMs: number;
  /** Extra wait past x-ratelimit-reset (the least wait when the reset is already past). */
  resetMarginMs: number;
  backoff: BackoffOptions;
  /** Returns [0, 1); drawn only for a transient failure's backoff. */
  random: () => number;
}

export interface RetryFacts {
  outcome: AttemptOutcome;
  request: {
    /** Primary-limit bucket the request counts against ("core", "graphql", …). */
    resource: string;
    isGraphQL: boolean;
    /** A write that creates content (an issue, a comment): sending it twice could create it twice. */
    contentCreating: boolean;
  };
  spent: RetryCounts;
  /** A write can be looked up after an ambiguous failure (the scheduler has `recoverWrite`). */
  canCheckWrite: boolean;
  /** The ambiguous write was looked up and GitHub had not applied it: it may be sent again. */
  writeNotApplied: boolean;
  /** Clock time (epoch ms). */
  now: number;
}

export type GiveUpReason =
  | "aborted"
  | "fatal"
  | "retries-spent"
  | "rate-limit-waits-spent"
  | "graphql-timeouts-spent"
  /** A write that may have been applied, with no way to check: never sent again blindly. */
  | "ambiguous-write";

export type RetryDecision =
  | { action: "give-up"; reason: GiveUpReason }
  /** Look up whether the write was applied before sending it again (then decide again). */
  | { action: "check-write" }
  /** Send again after `delayMs` of backoff. */
  | { action: "retry"; reason: TransientReason; delayMs: number; spent: RetryCounts }
  /** Hold `resource` until `resetAt`, then send again. */
  | { action: "wait-for-reset"; reason: "rate-limit"; resource: string; resetAt: number; spent: RetryCounts }
  /** Pause every request for `waitMs`, then send again. */
  | { action: "pause-all"; reason: "secondary-rate-limit"; waitMs: number; spent: RetryCounts };

export function decideRetry(facts: RetryFacts, policy: RetryPolicy): RetryDecision {
  const { outcome, spent, now } = facts;
  switch (outcome.kind) {
    case "aborted":
      return { action: "give-up", reason: "aborted" };
    case "fatal":
      return { action: "give-up", reason: "fatal" };
    case "primary": {
      const rateLimitWaits = spent.rateLimitWaits + 1;
      if (rateLimitWaits > policy.maxRateLimitWaits)
        return { action: "give-up", reason: "rate-limit-waits-spent" };
      const reset = outcome.limits.resetAt;
      // A reset already past (clock skew) still waits a little instead of spinning.
      const resetAt =
        reset === undefined
          ? now + policy.rateLimitFallbackMs
          : reset > now
            ? reset
            : now + Math.max(policy.resetMarginMs, 1000);
      return {
        action: "wait-for-reset",
        reason: "rate-limit",
        resource: outcome.limits.resource ?? facts.request.resource,
        resetAt,
        spent: { ...spent, rateLimitWaits },
      };
    }
    case "secondary": {
      const retries = spent.retries + 1;
      if (retries > policy.maxRetries) return { action: "give-up", reason: "retries-spent" };
      return {
        action: "pause-all",
        reason: "secondary-rate-limit",
        waitMs: outcome.limits.retryAfterMs ?? policy.secondaryFallbackMs,
        spent: { ...spent, retries },
      };
    }
    case "transient": {
      const graphqlTimeouts = spent.graphqlTimeouts + (outcome.reason === "graphql-timeout" ? 1 : 0);
      if (graphqlTimeouts > policy.graphqlTimeoutRetries)
        return { action: "give-up", reason: "graphql-timeouts-spent" };
      if (facts.request.contentCreating && !facts.request.isGraphQL && !facts.writeNotApplied) {
        return facts.canCheckWrite
          ? { action: "check-write" }
          : { action: "give-up", reason: "ambiguous-write" };
      }
      const retries = spent.retries + 1;
      if (retries > policy.maxRetries) return { action: "give-up", reason: "retries-spent" };
      return {
        action: "retry",
        reason: outcome.reason,
        delayMs: fullJitterDelay(retries, policy.backoff, policy.random),
        spent: { retries, rateLimitWaits: spent.rateLimitWaits, graphqlTimeouts },
      };
    }
  }
}
