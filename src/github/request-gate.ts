// The admission gate every HTTP attempt passes: at most `concurrency` in
// flight, highest priority first, and only when the request's primary bucket,
// per-minute budgets, content-creation pacing and any global pause allow it.
// A request blocked by its own budget does not block others behind it.
import { abortErrorFor } from "./abort.js";
import type { Clock } from "./clock.js";
import type { RequestPriority } from "./priorities.js";
import { type Budgets, budgetWindow, contentWindows, type RollingWindow } from "./rate-budget.js";
import type { RateLimitTracker } from "./rate-limits.js";

export interface GateRequest {
  /** Higher goes first. */
  priority: RequestPriority;
  /** Submission order; a retry keeps its original number so it goes ahead of later requests. */
  seq: number;
  resource: string;
  routeKey: string;
  isGraphQL: boolean;
  points: number;
  contentCreating: boolean;
  /** Clock time before which the request may not go (a retry's backoff). */
  notBefore?: number;
}

export interface GateSlot {
  /** When the attempt was admitted (clock time). */
  readonly sentAt: number;
  /** 1-based admission number (order in which attempts were let through). */
  readonly admission: number;
  release(): void;
}

export type BudgetName = "rest" | "graphql" | "content-per-minute" | "content-per-hour";

export type GateWait =
  | { reason: "rate-limit"; resource: string; until: number }
  | { reason: "secondary-rate-limit"; until: number }
  | { reason: "budget"; budget: BudgetName; route: string; until: number };

export interface RequestGateOptions {
  clock: Clock;
  budgets: Budgets;
  /** Gap between the starts of two content-creating requests. */
  minWriteIntervalMs: number;
  rateLimits: RateLimitTracker;
  /** Requests kept back from a bucket's remaining budget beyond those in flight on it. */
  rateLimitReserve: number;
  concurrency: () => number;
  onWait: (wait: GateWait) => void;
}

interface Ticket extends GateRequest {
  resolve: (slot: GateSlot) => void;
  reject: (err: unknown) => void;
  signal: AbortSignal | undefined;
  budgetReported: boolean;
}

/** The tickets waiting on one AbortSignal, behind a single listener. */
interface SignalWatch {
  tickets: Set<Ticket>;
  onAbort: () => void;
}

export class RequestGate {
  private readonly waiting: Ticket[] = [];
  private active = 0;
  private peak = 0;
  private admittedCount = 0;
  private readonly activeByResource = new Map<string, number>();
  private pausedUntil = 0;
  private contentBusy = false;
  private lastContentAt = Number.NEGATIVE_INFINITY;
  private readonly restWindows = new Map<string, RollingWindow>();
  private readonly graphqlWindow: RollingWindow;
  private readonly contentMinute: RollingWindow;
  private readonly contentHour: RollingWindow;
  private readonly reportedResourceWaits = new Map<string, number>();
  // One listener per distinct signal, not per request: hundreds of requests
  // share a job's signal, and EventTarget warns past ten listeners.
  private readonly watches = new Map<AbortSignal, SignalWatch>();
  private timer: unknown;
  private timerAt = Number.POSITIVE_INFINITY;
  private wakePending = false;

  constructor(private readonly options: RequestGateOptions) {
    const { budgets } = options;
    this.graphqlWindow = budgetWindow(budgets.graphqlPointsPerMinute, budgets.windowMs);
    const content = contentWindows(budgets);
    this.contentMinute = content.minute;
    this.contentHour = content.hour;
  }

  get inFlight(): number {
    return this.active;
  }

  get peakInFlight(): number {
    return this.peak;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Attempts admitted so far. */
  get admitted(): number {
    return this.admittedCount;
  }

  /** Waits for admission; rejects with an AbortError if `signal` aborts first. */
  acquire(request: GateRequest, signal?: AbortSignal): Promise<GateSlot> {
    if (signal?.aborted) return Promise.reject(abortErrorFor(signal));
    return new Promise<GateSlot>((resolve, reject) => {
      const ticket: Ticket = { ...request, resolve, reject, signal, budgetReported: false };
      this.watch(ticket);
      this.insert(ticket);
      this.wakeSoon();
    });
  }

  /**
   * Admits after the current burst: requests made together (a page's answer
   * starting dozens of others) are all queued first and then let through
   * highest priority first, instead of first come, first served.
   */
  private wakeSoon(): void {
    if (this.wakePending) return;
    this.wakePending = true;
    setImmediate(() => {
      this.wakePending = false;
      this.wake();
    });
  }

  private watch(ticket: Ticket): void {
    const signal = ticket.signal;
    if (!signal) return;
    let watch = this.watches.get(signal);
    if (!watch) {
      const tickets = new Set<Ticket>();
      const onAbort = (): void => {
        this.watches.delete(signal);
        for (const t of tickets) {
          const index = this.waiting.indexOf(t);
          if (index >= 0) this.waiting.splice(index, 1);
          t.reject(abortErrorFor(signal));
        }
        this.wake();
      };
      watch = { tickets, onAbort };
      this.watches.set(signal, watch);
      signal.addEventListener("abort", onAbort, { once: true });
    }
    watch.tickets.add(ticket);
  }

  private unwatch(ticket: Ticket): void {
    const signal = ticket.signal;
    const watch = signal ? this.watches.get(signal) : undefined;
    if (!signal || !watch) return;
    watch.tickets.delete(ticket);
    if (watch.tickets.size === 0) {
      this.watches.delete(signal);
      signal.removeEventListener("abort", watch.onAbort);
    }
  }

  /** Holds every request until `until` (a secondary limit). Extends, never shortens, a pause. */
  pauseAll(until: number): void {
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    this.options.onWait({ reason: "secondary-rate-limit", until });
    this.wake();
  }

  /** Admits whatever may go now and arms a timer for the earliest blocked request. */
  wake(): void {
    const now = this.options.clock.now();
    let nextWake = Number.POSITIVE_INFINITY;
    if (this.pausedUntil > now) {
      if (this.waiting.length > 0) nextWake = this.pausedUntil;
    } else {
      let i = 0;
      while (i < this.waiting.length && this.active < this.options.concurrency()) {
        const ticket = this.waiting[i] as Ticket;
        const readyAt = this.readyAt(ticket, now);
        if (readyAt <= now) {
          this.waiting.splice(i, 1);
          this.admit(ticket, now);
        } else {
          nextWake = Math.min(nextWake, readyAt);
          i++;
        }
      }
    }
    this.arm(nextWake, now);
  }

  private insert(ticket: Ticket): void {
    // Binary search for the first entry that should come after this ticket.
    let lo = 0;
    let hi = this.waiting.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.waiting[mid] as Ticket;
      const after =
        other.priority < ticket.priority || (other.priority === ticket.priority && other.seq > ticket.seq);
      if (after) hi = mid;
      else lo = mid + 1;
    }
    this.waiting.splice(lo, 0, ticket);
  }

  /** Earliest time the ticket may be sent, ignoring the concurrency bound; Infinity = wait for a release. */
  private readyAt(ticket: Ticket, now: number): number {
    let at = Math.max(now, ticket.notBefore ?? now);
    const { rateLimits, rateLimitReserve, minWriteIntervalMs } = this.options;
    // In-flight requests may not be in the last remaining count yet: keep them back too.
    const inFlightHere = this.activeByResource.get(ticket.resource) ?? 0;
    const blocked = rateLimits.blockedUntil(ticket.resource, now, rateLimitReserve + inFlightHere);
    if (blocked > now) {
      if (this.reportedResourceWaits.get(ticket.resource) !== blocked) {
        this.reportedResourceWaits.set(ticket.resource, blocked);
        this.options.onWait({ reason: "rate-limit", resource: ticket.resource, until: blocked });
      }
      at = Math.max(at, blocked);
    }
    // The budget that holds the request longest is the one reported (once per request).
    let budgetAt = now;
    let binding: BudgetName | undefined;
    const budgetBlock = (budget: BudgetName, time: number): void => {
      if (time <= budgetAt) return;
      budgetAt = time;
      binding = budget;
    };
    if (ticket.isGraphQL) budgetBlock("graphql", this.graphqlWindow.availableAt(now, ticket.points));
    else budgetBlock("rest", this.restWindow(ticket.routeKey).availableAt(now, ticket.points));
    if (ticket.contentCreating) {
      if (this.contentBusy) return Number.POSITIVE_INFINITY;
      at = Math.max(at, this.lastContentAt + minWriteIntervalMs);
      budgetBlock("content-per-minute", this.contentMinute.availableAt(now, 1));
      budgetBlock("content-per-hour", this.contentHour.availableAt(now, 1));
    }
    if (binding !== undefined && !ticket.budgetReported) {
      ticket.budgetReported = true;
      this.options.onWait({ reason: "budget", budget: binding, route: ticket.routeKey, until: budgetAt });
    }
    return Math.max(at, budgetAt);
  }

  private restWindow(routeKey: string): RollingWindow {
    let window = this.restWindows.get(routeKey);
    if (!window) {
      const { budgets } = this.options;
      window = budgetWindow(budgets.restPointsPerMinute, budgets.windowMs);
      this.restWindows.set(routeKey, window);
    }
    return window;
  }

  private admit(ticket: Ticket, now: number): void {
    this.unwatch(ticket);
    this.active++;
    const admission = ++this.admittedCount;
    this.peak = Math.max(this.peak, this.active);
    const resource = ticket.resource;
    this.activeByResource.set(resource, (this.activeByResource.get(resource) ?? 0) + 1);
    if (ticket.isGraphQL) this.graphqlWindow.record(now, ticket.points);
    else this.restWindow(ticket.routeKey).record(now, ticket.points);
    const content = ticket.contentCreating;
    if (content) {
      this.contentBusy = true;
      this.lastContentAt = now;
      this.contentMinute.record(now, 1);
      this.contentHour.record(now, 1);
    }
    let released = false;
    ticket.resolve({
      sentAt: now,
      admission,
      release: () => {
        if (released) return;
        released = true;
        this.active--;
        const left = (this.activeByResource.get(resource) ?? 1) - 1;
        if (left > 0) this.activeByResource.set(resource, left);
        else this.activeByResource.delete(resource);
        if (content) this.contentBusy = false;
        this.wake();
      },
    });
  }

  private arm(at: number, now: number): void {
    if (at === this.timerAt) return;
    if (this.timer !== undefined) this.options.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.timerAt = at;
    if (!Number.isFinite(at)) return;
    this.timer = this.options.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.wake();
      },
      Math.max(0, at - now),
    );
  }
}
