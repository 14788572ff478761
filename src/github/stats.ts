// Request counters for the CLI's progress display, the manifest's request
// counts and the benchmark's R / R_min. Every HTTP attempt counts (GitHub
// sees retries too); retries and waits are also counted on their own.
import type { ResourceLimitSnapshot } from "./rate-limits.js";

export interface RequestStats {
  /** HTTP requests sent (attempts, including retries) that have finished. */
  requests: number;
  /** Finished attempts by route template, e.g. "GET /repos/{owner}/{repo}/issues", "POST /graphql". */
  byRoute: Record<string, number>;
  /** Finished attempts by HTTP status ("200", "502", …), or "network" / "timeout" / "aborted" when none came back. */
  byStatus: Record<string, number>;
  /** Attempts that were sent again (any reason). */
  retries: number;
  /** Distinct pauses for a primary (hourly) limit. */
  rateLimitWaits: number;
  /** Secondary-limit answers received. */
  secondaryLimitHits: number;
  /** Requests delayed by a per-minute budget (REST route, GraphQL or content creation). */
  budgetDelays: number;
  inFlight: number;
  peakInFlight: number;
  /** Requests waiting for a slot. */
  queued: number;
  /** Current (adaptive) and configured maximum concurrency. */
  concurrency: number;
  maxConcurrency: number;
  /** Last known primary-limit state per resource ("core", "graphql", …). */
  rateLimits: Record<string, ResourceLimitSnapshot>;
  /** While requests wait for a primary (hourly) limit's reset: when it comes (epoch ms). */
  rateLimitPausedUntil?: number;
  /** During that pause: when the run is estimated to finish (epoch ms), if the run gave an estimate. */
  rateLimitEstimatedFinish?: number;
}

export type AttemptStatus = number | "network" | "timeout" | "aborted";

/** The counters the scheduler owns; gauges (in flight, queue) are read from the gate. */
export class StatsCounters {
  requests = 0;
  readonly byRoute = new Map<string, number>();
  readonly byStatus = new Map<string, number>();
  retries = 0;
  rateLimitWaits = 0;
  secondaryLimitHits = 0;
  budgetDelays = 0;

  finished(routeKey: string, status: AttemptStatus): void {
    this.requests++;
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
    const key = String(status);
    this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
  }

  counters(): Pick<
    RequestStats,
    "requests" | "byRoute" | "byStatus" | "retries" | "rateLimitWaits" | "secondaryLimitHits" | "budgetDelays"
  > {
    return {
      requests: this.requests,
      byRoute: sortedRecord(this.byRoute),
      byStatus: sortedRecord(this.byStatus),
      retries: this.retries,
      rateLimitWaits: this.rateLimitWaits,
      secondaryLimitHits: this.secondaryLimitHits,
      budgetDelays: this.budgetDelays,
    };
  }
}

function sortedRecord(map: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of [...map.keys()].sort()) out[key] = map.get(key) as number;
  return out;
}
