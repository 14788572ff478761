// Request counters for tests and benchmarks. The object handed out stays the
// same across resets (it is cleared in place), so `fake.stats` can be kept.
// Entries hold the path without the query string and never a credential.

export interface FakeStatsEntry {
  /** Arrival order, from 1. */
  seq: number;
  method: string;
  /** Matched route template ("(unmatched)" for a 404 without a route). */
  template: string;
  path: string;
  /** Answer status; 0 when the connection was reset without an answer. */
  status: number;
  /** Epoch milliseconds at arrival. */
  startedAt: number;
  durationMs: number;
  /** The route counts against the content-creation limits (absent: it does not). */
  contentCreating?: boolean;
}

export interface FakeStats {
  total: number;
  /** Keyed "GET /repos/{owner}/{repo}/labels". */
  byRoute: Record<string, number>;
  /** Keyed by status ("200", "404"; "0" = reset). */
  byStatus: Record<string, number>;
  /** byRouteStatus["GET /repos/{owner}/{repo}/labels"]["502"]. */
  byRouteStatus: Record<string, Record<string, number>>;
  peakInFlight: number;
  inFlight: number;
  /** Content-creating requests answered with a 2xx: what GitHub's content budget was spent on. */
  contentCreated: number;
  /** The most recent requests, oldest first (bounded). */
  log: FakeStatsEntry[];
}

export const unmatchedTemplate = "(unmatched)";

export class StatsRecorder {
  readonly stats: FakeStats = {
    total: 0,
    byRoute: {},
    byStatus: {},
    byRouteStatus: {},
    peakInFlight: 0,
    inFlight: 0,
    contentCreated: 0,
    log: [],
  };
  private seq = 0;

  constructor(private readonly logLimit = 100_000) {}

  /** Marks a request as arrived; returns its sequence number. */
  enter(): number {
    const stats = this.stats;
    stats.inFlight += 1;
    if (stats.inFlight > stats.peakInFlight) stats.peakInFlight = stats.inFlight;
    this.seq += 1;
    return this.seq;
  }

  /** Records a finished request (answered or reset). */
  leave(entry: FakeStatsEntry): void {
    const stats = this.stats;
    stats.inFlight = Math.max(0, stats.inFlight - 1);
    stats.total += 1;
    const route = `${entry.method} ${entry.template}`;
    const status = String(entry.status);
    stats.byRoute[route] = (stats.byRoute[route] ?? 0) + 1;
    stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
    const perRoute = stats.byRouteStatus[route] ?? {};
    perRoute[status] = (perRoute[status] ?? 0) + 1;
    stats.byRouteStatus[route] = perRoute;
    if (entry.contentCreating && entry.status >= 200 && entry.status < 300) stats.contentCreated += 1;
    stats.log.push(entry);
    // Trim in batches so the bound costs amortised O(1) per request.
    if (stats.log.length > this.logLimit + Math.ceil(this.logLimit / 10))
      stats.log.splice(0, stats.log.length - this.logLimit);
  }

  /** Clears counters in place; requests still in flight stay counted as such. */
  reset(): void {
    const stats = this.stats;
    stats.total = 0;
    stats.byRoute = {};
    stats.byStatus = {};
    stats.byRouteStatus = {};
    stats.peakInFlight = stats.inFlight;
    stats.contentCreated = 0;
    stats.log = [];
  }

  /** A detached copy (for the admin endpoint and callers that keep snapshots). */
  snapshot(): FakeStats {
    return structuredClone(this.stats);
  }
}
