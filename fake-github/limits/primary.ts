// Primary (hourly) rate limit: one fixed window per identity and bucket,
// starting at the identity's first request, as GitHub's x-ratelimit-reset shows.
import { defaultRateLimit, type RateLimitKnob } from "./knobs.js";

export type PrimaryResource = "core" | "graphql";

/** Who a budget belongs to: a user, or an IP address for anonymous requests. */
export interface Identity {
  key: string;
  anonymous: boolean;
}

export interface BudgetState {
  limit: number;
  remaining: number;
  used: number;
  /** UTC epoch seconds at which the window ends. */
  reset: number;
  resource: PrimaryResource;
}

interface Window {
  start: number;
  used: number;
}

export class PrimaryLimiter {
  private readonly windows = new Map<string, Window>();
  private knob: RateLimitKnob | null = null;

  constructor(private readonly now: () => number = Date.now) {}

  /** Applies a new configuration; budgets start afresh so tests are predictable. */
  configure(knob: RateLimitKnob | null): void {
    this.knob = knob;
    this.windows.clear();
  }

  get enabled(): boolean {
    return this.knob !== null;
  }

  /** The budget without spending anything. */
  peek(identity: Identity, resource: PrimaryResource): BudgetState {
    if (!this.knob) return this.unlimited(identity, resource);
    return this.state(identity, resource, this.window(identity, resource));
  }

  /**
   * Spends `cost` if it fits. With the knob off nothing is counted and the
   * answer always reports the full default budget.
   */
  charge(identity: Identity, resource: PrimaryResource, cost: number): { ok: boolean; state: BudgetState } {
    if (!this.knob) return { ok: true, state: this.unlimited(identity, resource) };
    const window = this.window(identity, resource);
    const limit = this.limitFor(identity, resource);
    if (window.used + cost > limit) return { ok: false, state: this.state(identity, resource, window) };
    window.used += cost;
    return { ok: true, state: this.state(identity, resource, window) };
  }

  /**
   * Another client of the same identity spends what is left of the budget:
   * a window starts now, fully used, so every request of the identity is
   * refused until it ends (tests of limits a client cannot foresee).
   */
  exhaust(identity: Identity, resource: PrimaryResource): void {
    if (!this.knob) return;
    this.windows.set(`${resource} ${identity.key}`, {
      start: this.now(),
      used: this.limitFor(identity, resource),
    });
  }

  /** Gives back a charge (a 304 Not Modified costs nothing on GitHub). */
  refund(identity: Identity, resource: PrimaryResource, cost: number): void {
    if (!this.knob) return;
    const window = this.windows.get(`${resource} ${identity.key}`);
    if (window) window.used = Math.max(0, window.used - cost);
  }

  private window(identity: Identity, resource: PrimaryResource): Window {
    const key = `${resource} ${identity.key}`;
    const now = this.now();
    const windowMs = this.knob?.windowMs ?? defaultRateLimit.windowMs;
    let window = this.windows.get(key);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, used: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  private limitFor(identity: Identity, resource: PrimaryResource): number {
    const knob = this.knob ?? defaultRateLimit;
    if (resource === "graphql") return knob.graphqlLimit;
    return identity.anonymous ? knob.anonymousLimit : knob.limit;
  }

  private state(identity: Identity, resource: PrimaryResource, window: Window): BudgetState {
    const limit = this.limitFor(identity, resource);
    const windowMs = this.knob?.windowMs ?? defaultRateLimit.windowMs;
    return {
      limit,
      used: window.used,
      remaining: Math.max(0, limit - window.used),
      reset: Math.ceil((window.start + windowMs) / 1000),
      resource,
    };
  }

  private unlimited(identity: Identity, resource: PrimaryResource): BudgetState {
    const limit = this.limitFor(identity, resource);
    return {
      limit,
      used: 0,
      remaining: limit,
      reset: Math.ceil((this.now() + defaultRateLimit.windowMs) / 1000),
      resource,
    };
  }
}

export function rateLimitHeaders(state: BudgetState): Record<string, string> {
  return {
    "x-ratelimit-limit": String(state.limit),
    "x-ratelimit-remaining": String(state.remaining),
    "x-ratelimit-used": String(state.used),
    "x-ratelimit-reset": String(state.reset),
    "x-ratelimit-resource": state.resource,
  };
}
