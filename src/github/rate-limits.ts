// Primary (hourly) rate-limit state per resource bucket, read from the
// x-ratelimit-* headers of every response. Within one reset window a response
// can only lower the remaining count (responses arrive out of order). The gate
// subtracts the requests it has in flight, which the count may not include yet.

export interface RateLimitHeaders {
  resource?: string;
  limit?: number;
  remaining?: number;
  /** Epoch ms. */
  resetAt?: number;
  /** From retry-after, in ms. */
  retryAfterMs?: number;
}

export interface ResourceLimitSnapshot {
  limit: number | null;
  remaining: number;
  /** Epoch ms at which the bucket refills. */
  resetAt: number;
}

type HeaderBag = Readonly<Record<string, string | number | undefined>>;

function header(headers: HeaderBag | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
}

function numberHeader(headers: HeaderBag | undefined, name: string): number | undefined {
  const text = header(headers, name);
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** retry-after as seconds (possibly fractional) or an HTTP date, in ms relative to `now`. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

export function parseRateLimitHeaders(headers: HeaderBag | undefined, now: number): RateLimitHeaders {
  const reset = numberHeader(headers, "x-ratelimit-reset");
  return {
    resource: header(headers, "x-ratelimit-resource"),
    limit: numberHeader(headers, "x-ratelimit-limit"),
    remaining: numberHeader(headers, "x-ratelimit-remaining"),
    resetAt: reset === undefined ? undefined : reset * 1000,
    retryAfterMs: parseRetryAfter(header(headers, "retry-after"), now),
  };
}

interface ResourceState {
  limit: number | null;
  remaining: number;
  resetAt: number;
}

export class RateLimitTracker {
  private readonly states = new Map<string, ResourceState>();

  /** @param marginMs extra wait past a reset time (GitHub's reset has one-second granularity). */
  constructor(private readonly marginMs = 0) {}

  /** Records what a response says about its bucket (`fallbackResource` when it names none). */
  observe(fallbackResource: string, parsed: RateLimitHeaders, now: number): void {
    if (parsed.remaining === undefined || parsed.resetAt === undefined) return;
    const resource = parsed.resource ?? fallbackResource;
    const state = this.current(resource, now);
    if (!state || parsed.resetAt > state.resetAt) {
      this.states.set(resource, {
        limit: parsed.limit ?? null,
        remaining: parsed.remaining,
        resetAt: parsed.resetAt,
      });
    } else if (parsed.resetAt === state.resetAt) {
      state.remaining = Math.min(state.remaining, parsed.remaining);
      if (parsed.limit !== undefined) state.limit = parsed.limit;
    }
    // An older window's answer says nothing about the current one.
  }

  /** Marks a bucket as spent until `resetAt` (a 403/429 or RATE_LIMITED answer). */
  exhaust(resource: string, resetAt: number, now: number): void {
    const state = this.current(resource, now);
    // The refusal's own reset decides the wait: a later reset seen before
    // belongs to a window that is not the one that just ran out.
    this.states.set(resource, { limit: state?.limit ?? null, remaining: 0, resetAt });
  }

  /**
   * The reset time (plus margin) when the bucket's remaining budget is at or
   * below `reserve`, 0 when another request may go. Callers include the
   * requests they have in flight on the bucket in `reserve`.
   */
  blockedUntil(resource: string, now: number, reserve: number): number {
    const state = this.current(resource, now);
    if (!state || state.remaining > reserve) return 0;
    return state.resetAt + this.marginMs;
  }

  snapshot(now: number): Record<string, ResourceLimitSnapshot> {
    const out: Record<string, ResourceLimitSnapshot> = {};
    for (const resource of [...this.states.keys()].sort()) {
      const state = this.current(resource, now);
      if (state) out[resource] = { limit: state.limit, remaining: state.remaining, resetAt: state.resetAt };
    }
    return out;
  }

  /** The state while its window lasts; a passed reset means a full, unknown budget. */
  private current(resource: string, now: number): ResourceState | undefined {
    const state = this.states.get(resource);
    if (state && state.resetAt + this.marginMs <= now) {
      this.states.delete(resource);
      return undefined;
    }
    return state;
  }
}
