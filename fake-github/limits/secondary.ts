// Secondary rate limits: concurrent requests, points per endpoint per minute,
// GraphQL points per minute, and content creation per minute and per hour.
// Fixed windows start at an identity's first use, so short test windows behave
// exactly like GitHub's minute at a smaller scale.
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

export class SecondaryLimiter {
  private knob: ResolvedSecondary | null = null;
  private readonly inFlight = new Map<string, number>();
  private readonly windows = new Map<string, Window>();

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
    if (request.contentCreating) {
      charges.push({
        window: this.window(`content-minute ${identityKey}`, knob.windowMs),
        cost: 1,
        limit: knob.contentPerMinute,
        windowMs: knob.windowMs,
        reason: "content per minute",
      });
      charges.push({
        window: this.window(`content-hour ${identityKey}`, knob.windowMs * 60),
        cost: 1,
        limit: knob.contentPerHour,
        windowMs: knob.windowMs * 60,
        reason: "content per hour",
      });
    }
    for (const charge of charges) {
      if (charge.window.used + charge.cost > charge.limit) {
        const waitMs = charge.window.start + charge.windowMs - this.now();
        return { ok: false, reason: charge.reason, retryAfter: this.retryAfter(waitMs) };
      }
    }
    for (const charge of charges) charge.window.used += charge.cost;
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

  private retryAfter(waitMs: number): string {
    const fixed = this.knob?.retryAfterSeconds;
    if (fixed !== undefined) return String(fixed);
    return String(Math.max(1, Math.ceil(waitMs / 1000)));
  }
}
