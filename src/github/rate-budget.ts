// GitHub's per-minute secondary limits as rolling windows. A request that does
// not fit is delayed until enough earlier cost has left the window; nothing fails.
// A window is spent in one burst (a short save finishes inside one minute's
// budget); once it has been full, further costs are spread evenly at the rate
// the budget sustains, so a long run never bursts again at the window's edge.

export interface Budgets {
  /** Points per window per REST route template (GitHub: 900/min; GET 1, writes 5). */
  restPointsPerMinute: number;
  /** Points per window on the GraphQL endpoint (GitHub: 2,000/min; query 1, mutation 5). */
  graphqlPointsPerMinute: number;
  /** Content-creating requests per window (GitHub: 80/min). */
  contentPerMinute: number;
  /** Content-creating requests per 60 windows (GitHub: 500/h). */
  contentPerHour: number;
  /** Length of the "minute"; the "hour" is 60 of them (tests shrink both). */
  windowMs: number;
}

export const DEFAULT_BUDGETS: Budgets = {
  restPointsPerMinute: 900,
  graphqlPointsPerMinute: 2000,
  contentPerMinute: 80,
  contentPerHour: 500,
  windowMs: 60_000,
};

/**
 * The client counts a window 2 % longer than GitHub's: its clock starts when a
 * request is sent, GitHub's when it arrives, so an exact count could let the
 * first request of a new window land in the old one.
 */
export const WINDOW_MARGIN = 0.02;

/** A budget's window as the client keeps it (see WINDOW_MARGIN). */
export function budgetWindow(limit: number, windowMs: number, smooth = true): RollingWindow {
  return new RollingWindow(limit, windowMs * (1 + WINDOW_MARGIN), smooth);
}

/**
 * The content-creation windows (per minute, per hour) the scheduler paces
 * writes by. They never smooth: GitHub allows 500 writes in any hour, and a
 * restore that spreads the hour's writes evenly once it has been full loses up
 * to an hour at its end; the 1 s gap between writes already keeps the burst
 * at 60 a minute. Both get the minute's margin (1.2 s), not 2 % of an hour
 * (72 s, a write's worth of budget lost every 7 s of it): the margin covers
 * the time a request takes to arrive, which does not grow with the window.
 */
export function contentWindows(budgets: Pick<Budgets, "contentPerMinute" | "contentPerHour" | "windowMs">): {
  minute: RollingWindow;
  hour: RollingWindow;
} {
  return {
    minute: budgetWindow(budgets.contentPerMinute, budgets.windowMs, false),
    hour: new RollingWindow(budgets.contentPerHour, budgets.windowMs * (60 + WINDOW_MARGIN), false),
  };
}

export function resolveBudgets(partial: Partial<Budgets> | undefined): Budgets {
  const out = { ...DEFAULT_BUDGETS };
  for (const key of Object.keys(DEFAULT_BUDGETS) as (keyof Budgets)[]) {
    const value = partial?.[key];
    if (value !== undefined) {
      if (!Number.isFinite(value) || value <= 0) throw new Error(`budgets.${key} must be a positive number`);
      out[key] = value;
    }
  }
  return out;
}

/** Cost spent within the last `windowMs`, with the earliest time a new cost fits. */
export class RollingWindow {
  private readonly times: number[] = [];
  private readonly costs: number[] = [];
  private head = 0;
  private sum = 0;
  /** Set once the window has been full; cleared after a whole window without a cost. */
  private pacing = false;
  /** While pacing: the earliest time of the next cost. */
  private nextPacedAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    /** Spread costs evenly once the window has been full (false: a plain rolling window). */
    private readonly smooth = true,
  ) {}

  private prune(now: number): void {
    while (this.head < this.times.length && (this.times[this.head] as number) + this.windowMs <= now) {
      this.sum -= this.costs[this.head] as number;
      this.head++;
    }
    // Compact occasionally so the arrays do not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.costs.splice(0, this.head);
      this.head = 0;
    }
  }

  used(now: number): number {
    this.prune(now);
    return this.sum;
  }

  /**
   * Earliest time at which `cost` fits (`now` when it fits already). A cost
   * larger than the whole limit fits once the window is empty, so it cannot deadlock.
   */
  availableAt(now: number, cost: number): number {
    this.prune(now);
    // A whole window without a paced cost: the window is empty, a new burst may go.
    if (this.pacing && now >= this.nextPacedAt + this.windowMs) this.pacing = false;
    const paced = this.pacing ? Math.max(now, this.nextPacedAt) : now;
    const allowed = Math.max(0, this.limit - Math.min(cost, this.limit));
    if (this.sum <= allowed) return paced;
    let sum = this.sum;
    for (let i = this.head; i < this.times.length; i++) {
      sum -= this.costs[i] as number;
      if (sum <= allowed) return Math.max(paced, (this.times[i] as number) + this.windowMs);
    }
    return paced;
  }

  record(now: number, cost: number): void {
    this.prune(now);
    this.times.push(now);
    this.costs.push(cost);
    this.sum += cost;
    if (this.smooth && this.sum >= this.limit) this.pacing = true;
    // The sustainable pace: `limit` points per `windowMs`, one cost after another
    // (a cost above the limit waits one window, as availableAt lets it).
    if (this.pacing)
      this.nextPacedAt =
        Math.max(now, this.nextPacedAt) + (Math.min(cost, this.limit) * this.windowMs) / this.limit;
  }
}
