// An estimate of when a save paused at the primary (hourly) limit will
// finish, for the live view and the logs. The save's progress is the mean of
// its jobs' (a finished job counts 1, a running one its done/total when it
// reports a total, else 0); the requests still needed are the requests so far
// scaled by that progress; they are spent at the pace of the save's unpaused
// time, one bucket per window (the window length is learnt from consecutive
// resets; GitHub's is an hour). An estimate, no promise: it errs late while
// jobs that report no total run.
import type { RequestStats } from "../github/stats.js";
import type { OrchestratorEvent } from "../orchestrator/types.js";

const HOUR_MS = 3_600_000;
/** GitHub announces resets in whole seconds. */
const MIN_WINDOW_MS = 1000;

export interface PauseFacts {
  /** When requests resume (epoch ms). */
  resumeAt: number;
  /** The bucket that ran out ("core", "graphql"). */
  resource: string;
  now: number;
  stats: RequestStats;
}

export class FinishEstimate {
  readonly #progress = new Map<string, number>();
  readonly #startedAt: number;
  /** Pause time already behind us, and the pause in progress. */
  #pausedMs = 0;
  #pause: { from: number; until: number } | null = null;
  readonly #lastReset = new Map<string, number>();
  readonly #windowMs = new Map<string, number>();

  constructor(now: number) {
    this.#startedAt = now;
  }

  observe(event: OrchestratorEvent): void {
    switch (event.type) {
      case "queued":
      case "started":
      case "retrying":
        this.#progress.set(event.job, 0);
        break;
      case "progress":
        if (event.total !== undefined && event.total > 0)
          this.#progress.set(event.job, Math.min(1, (event.pages ?? event.items ?? 0) / event.total));
        break;
      default:
        this.#progress.set(event.job, 1);
    }
  }

  /** The save's progress, 0..1. */
  fraction(): number {
    if (this.#progress.size === 0) return 0;
    let sum = 0;
    for (const done of this.#progress.values()) sum += done;
    return sum / this.#progress.size;
  }

  /** Estimated finish (epoch ms) of a save pausing now until `resumeAt`; undefined without progress to go by. */
  at(facts: PauseFacts): number | undefined {
    this.#notePause(facts);
    const done = this.fraction();
    const requests = facts.stats.requests;
    if (done <= 0 || requests === 0) return undefined;
    const remaining = done >= 1 ? 0 : Math.ceil((requests * (1 - done)) / done);
    const activeMs = Math.max(1, facts.now - this.#startedAt - this.#pausedMs);
    const msPerRequest = activeMs / requests;
    const limit = facts.stats.rateLimits[facts.resource]?.limit ?? null;
    const windows = limit !== null && limit > 0 ? Math.floor(remaining / limit) : 0;
    const window = this.#windowMs.get(facts.resource) ?? HOUR_MS;
    const rest = remaining - windows * (limit ?? 0);
    return Math.round(facts.resumeAt + windows * window + rest * msPerRequest);
  }

  #notePause({ resumeAt, resource, now }: PauseFacts): void {
    const previous = this.#lastReset.get(resource);
    // Requests that meet the same spent bucket announce resets a few ms apart: not a new window.
    if (previous === undefined || resumeAt - previous >= MIN_WINDOW_MS) {
      if (previous !== undefined) this.#windowMs.set(resource, resumeAt - previous);
      this.#lastReset.set(resource, resumeAt);
    }
    if (this.#pause !== null && now >= this.#pause.until) {
      this.#pausedMs += this.#pause.until - this.#pause.from;
      this.#pause = null;
    }
    if (this.#pause === null) this.#pause = { from: now, until: resumeAt };
    else this.#pause.until = Math.max(this.#pause.until, resumeAt);
  }
}
