// Secondary rate limits: concurrent requests, points per endpoint per minute,
// GraphQL points per minute, and content creation per minute and per hour.
// Point windows are fixed and start at an identity's first use, so short test
// windows behave exactly like GitHub's minute at a smaller scale. Content
// creation is counted over sliding windows ("no more than 80 in any minute,
// 500 in any hour"): the stricter reading of GitHub's rule, so a client that
// passes here passes whichever way GitHub cuts its windows.
import { defaultSecondary, type SecondaryKnob } from "./knobs.js";

type ResolvedSecondary = typeof defaultSecondary & { retryAfterSeconds: number | undefined };

export interface SecondaryCheck {
  /** What the request costs; checked and, when everything fits, charged. */
  endpoint: string;
  points: number;
  graphql: boolean;
  contentCreating: boolean;
}

export type SecondaryVerdict = { ok: true } | { ok: false; reason: string; retryAfter: string };

interface Window {
  start: number;
  used: number;
}

/** Arrival times of the requests charged within the last `windowMs`. */
class SlidingWindow {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly windowMs: number) {}

  /** Requests charged within the window ending at `now`. */
  used(now: number): number {
    while (this.head < this.times.length && (this.times[this.head] as number) + this.windowMs <= now)
      this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
    return this.times.length - this.head;
  }

  /** Milliseconds until the oldest charge leaves the window. */
  waitMs(now: number): number {
    const oldest = this.times[this.head];
    return oldest === undefined ? 0 : oldest + this.windowMs - now;
  }

  charge(now: number): void {
    this.times.push(now);
  }
}

export class SecondaryLimiter {
  private knob: ResolvedSecondary | null = null;
  private readonly inFlight = new Map<string, number>();
  private readonly windows = new Map<string, Window>();
  private readonly sliding = new Map<string, SlidingWindow>();

  constructor(private readonly now: () => number = Date.now) {}

  configure(knob: SecondaryKnob | null): void {
    this.knob = knob
      ? {
          maxInFlight: knob.maxInFlight ?? defaultSecondary.maxInFlight,
          restPointsPerMinute: knob.restPointsPerMinute ?? defaultSecondary.restPointsPerMinute,
          graphqlPointsPerMinute: knob.graphqlPointsPerMinute ?? defaultSecondary.graphqlPointsPerMinute,
          contentPerMinute: knob.contentPerMinute ?? defaultSecondary.contentPerMinute,
          contentPerHour: knob.contentPerHour ?? defaultSecondary.contentPerHour,
          windowMs: knob.windowMs ?? defaultSecondary.windowMs,
          retryAfterSeconds: knob.retryAfterSeconds,
        }
      : null;
    this.windows.clear();
    this.sliding.clear();
  }

  /**
   * Registers an arriving request; returns whether it is over the concurrency
   * limit (counting itself) and a function to call once it is answered.
   */
  enter(identityKey: string): { overLimit: boolean; leave: () => void } {
    const count = (this.inFlight.get(identityKey) ?? 0) + 1;
    this.inFlight.set(identityKey, count);
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      const current = (this.inFlight.get(identityKey) ?? 1) - 1;
      if (current <= 0) this.inFlight.delete(identityKey);
      else this.inFlight.set(identityKey, current);
    };
    return { overLimit: this.knob !== null && count > this.knob.maxInFlight, leave };
  }

  concurrencyVerdict(): SecondaryVerdict {
    const knob = this.knob;
    if (!knob) return { ok: true };
    return { ok: false, reason: "concurrency", retryAfter: this.retryAfter(knob.windowMs) };
  }

  /** Checks every window the request falls in; charges all of them only if all fit. */
  check(identityKey: string, request: SecondaryCheck): SecondaryVerdict {
    const knob = this.knob;
    if (!knob) return { ok: true };
    const charges: Array<{ window: Window; cost: number; limit: number; windowMs: number; reason: string }> =
      [];
    if (request.graphql) {
      charges.push({
        window: this.window(`gql ${identityKey}`, knob.windowMs),
        cost: request.points,
        limit: knob.graphqlPointsPerMinute,
        windowMs: knob.windowMs,
        reason: "graphql points",
      });
    } else {
      charges.push({
        window: this.window(`rest ${identityKey} ${request.endpoint}`, knob.windowMs),
        cost: request.points,
        limit: knob.restPointsPerMinute,
        windowMs: knob.windowMs,
        reason: "endpoint points",
      });
    }
    const content = request.contentCreating
      ? [
          {
            window: this.slidingWindow(`content-minute ${identityKey}`, knob.windowMs),
            limit: knob.contentPerMinute,
            reason: "content per minute",
          },
          {
            window: this.slidingWindow(`content-hour ${identityKey}`, knob.windowMs * 60),
            limit: knob.contentPerHour,
            reason: "content per hour",
          },
        ]
      : [];
    const now = this.now();
    for (const c of content) {
      if (c.window.used(now) + 1 > c.limit)
        return { ok: false, reason: c.reason, retryAfter: this.retryAfter(c.window.waitMs(now)) };
    }
    for (const charge of charges) {
      if (charge.window.used + charge.cost > charge.limit) {
        const waitMs = charge.window.start + charge.windowMs - this.now();
        return { ok: false, reason: charge.reason, retryAfter: this.retryAfter(waitMs) };
      }
    }
    for (const charge of charges) charge.window.used += charge.cost;
    for (const c of content) c.window.charge(now);
    return { ok: true };
  }

  private window(key: string, windowMs: number): Window {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private slidingWindow(key: string, windowMs: number): SlidingWindow {
    let window = this.sliding.get(key);
    if (!window) {
      window = new SlidingWindow(windowMs);
      this.sliding.set(key, window);
    }
    return window;
  }

  private retryAfter(waitMs: number): string {
    const fixed = this.knob?.retryAfterSeconds;
    if (fixed !== undefined) return String(fixed);
    return String(Math.max(1, Math.ceil(waitMs / 1000)));
  }
}
