// Exponential backoff with full jitter (AWS architecture blog's "Full Jitter"):
// delay = random(0, min(cap, base * 2^(attempt-1))). Spreads retries of many
// concurrent requests instead of having them hit the server again together.

export interface BackoffOptions {
  /** First retry's ceiling (default 500 ms). */
  baseMs: number;
  /** Largest ceiling (default 30 s). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 30_000 };

/** Delay before retry number `attempt` (1 for the first retry). `random` returns [0, 1). */
export function fullJitterDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  return Math.floor(random() * ceiling);
}

/** Deterministic [0, 1) sequence (mulberry32) for reproducible tests. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
