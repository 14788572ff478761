// How long a restore's content-creating requests take: the scheduler's own
// content windows (src/github/rate-budget.ts) replayed on a virtual clock, so
// the estimate follows whatever pacing the scheduler applies, margins included.
import { contentWindows } from "../github/rate-budget.js";

export interface PacingLimits {
  contentPerMinute: number;
  contentPerHour: number;
  /** Gap the scheduler keeps between two content-creating requests. */
  minWriteIntervalMs: number;
  /** Length of the "minute" (the "hour" is 60 of them); GitHub: 60,000. */
  windowMs: number;
}

export const GITHUB_PACING: PacingLimits = {
  contentPerMinute: 80,
  contentPerHour: 500,
  minWriteIntervalMs: 1000,
  windowMs: 60_000,
};

/**
 * Seconds from the first of `n` content-creating requests to the start of the
 * last, when each goes as soon as the scheduler lets it: at least
 * `minWriteIntervalMs` after the previous one, and only while the rolling
 * minute and hour (each counted 1.2 s longer, as the scheduler counts them)
 * hold fewer than their limit. With GitHub's limits: n − 1 seconds up to 500
 * writes, then 3,601.2 s (an hour and its margin) for every further 500.
 */
export function pacedSeconds(n: number, limits: PacingLimits = GITHUB_PACING): number {
  if (n <= 0) return 0;
  const { minute, hour } = contentWindows(limits);
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let at = i === 0 ? 0 : last + limits.minWriteIntervalMs;
    for (;;) {
      const next = Math.max(minute.availableAt(at, 1), hour.availableAt(at, 1));
      if (next <= at) break;
      at = next;
    }
    minute.record(at, 1);
    hour.record(at, 1);
    last = at;
  }
  return last / 1000;
}

/**
 * Content-creating requests GitHub's limits allow within `seconds` from an
 * empty budget (1 s apart, 80 in any minute, 500 in any hour, without the
 * scheduler's margin): what a run of that length could have written at most.
 */
export function budgetCapacity(seconds: number, limits: PacingLimits = GITHUB_PACING): number {
  if (seconds < 0) return 0;
  const ms = seconds * 1000;
  const hourMs = limits.windowMs * 60;
  const spaced = limits.minWriteIntervalMs > 0 ? Math.floor(ms / limits.minWriteIntervalMs) + 1 : Infinity;
  const perMinute = (Math.floor(ms / limits.windowMs) + 1) * limits.contentPerMinute;
  const hours = Math.floor(ms / hourMs);
  // Within the current hour, the writes are bounded by its own 1 s spacing and minutes.
  const restMs = ms - hours * hourMs;
  const inHour = Math.min(
    limits.contentPerHour,
    limits.minWriteIntervalMs > 0 ? Math.floor(restMs / limits.minWriteIntervalMs) + 1 : Infinity,
    (Math.floor(restMs / limits.windowMs) + 1) * limits.contentPerMinute,
  );
  return Math.min(spaced, perMinute, hours * limits.contentPerHour + inHour);
}
