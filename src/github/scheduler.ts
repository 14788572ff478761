// The one request scheduler per token, shared by every job, installed as an
// Octokit plugin with `octokit.hook.wrap("request", …)` so callers are unaware
// of it — the plugin shape Octokit's own throttling and retry plugins use.
//
// Why not @octokit/plugin-throttling: its defaults (10 in flight, every GraphQL
// request — reads included — spaced 1 s apart, writes 1 s, notification writes
// 3 s, module-global Bottleneck groups shared by every instance in the process)
// are far too slow for reads, and it never adapts concurrency. This scheduler
// paces by GitHub's published budgets instead and reacts to what the server says.
import { EventEmitter } from "node:events";
import type { Octokit, OctokitOptions } from "@octokit/core";
import type { Hooks } from "@octokit/core/types";
import { LimitError } from "../util/limits.js";
import type { Logger } from "../util/logger.js";
import { silentLogger } from "../util/logger.js";
import { abortErrorFor, anySignal } from "./abort.js";
import { type BackoffOptions, DEFAULT_BACKOFF, fullJitterDelay } from "./backoff.js";
import { readCapped, readCappedText } from "./capped-body.js";
import {
  classifyError,
  classifyGraphQLBody,
  graphqlErrorsOf,
  type Outcome,
  responseHeadersOf,
  statusOf,
  type TransientReason,
} from "./classify-outcome.js";
import { type Clock, systemClock } from "./clock.js";
import { AdaptiveConcurrency, type ConcurrencyChange } from "./concurrency.js";
import { keepBody } from "./kept-body.js";
import { type Budgets, resolveBudgets } from "./rate-budget.js";
import { parseRateLimitHeaders, RateLimitTracker } from "./rate-limits.js";
import { withRawBody } from "./raw-body.js";
import { type BudgetName, type GateWait, RequestGate } from "./request-gate.js";
import { describeRequest } from "./route-key.js";
import { type AttemptStatus, type RequestStats, StatsCounters } from "./stats.js";

export type { Budgets } from "./rate-budget.js";
export type { RequestStats } from "./stats.js";

export interface RequestSchedulerOptions {
  /** Most requests in flight (default 24); lowered temporarily after secondary limits. */
  concurrency?: number;
  /** Successful requests per +1 of concurrency while recovering (default 20). */
  increaseEvery?: number;
  /** Retries of transient failures and secondary limits per request (default 6). */
  maxRetries?: number;
  /** Waits for a primary-limit reset per request before giving up (default 10). */
  maxRateLimitWaits?: number;
  /** Retries of a GraphQL 502/504 timeout before it is thrown so the caller can shrink its page (default 1). */
  graphqlTimeoutRetries?: number;
  /**
   * Per-attempt timeout (default 30 s) until the response headers (and a parsed
   * body) arrive. A request may override it with `request.timeoutMs` (0 = none),
   * e.g. a large asset upload.
   */
  requestTimeoutMs?: number;
  budgets?: Partial<Budgets>;
  /** Gap between the starts of two content-creating writes (default 1,000 ms, as GitHub advises). */
  minWriteIntervalMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Returns [0, 1); inject a seeded one for reproducible backoff. */
  random?: () => number;
  /** Pause after a secondary limit without retry-after (default 60 s). */
  secondaryFallbackMs?: number;
  /** Pause after a primary limit without x-ratelimit-reset (default 60 s). */
  rateLimitFallbackMs?: number;
  /** Extra wait past x-ratelimit-reset (default 1,000 ms: the header has one-second granularity). */
  rateLimitResetMarginMs?: number;
  /** Requests held back from a bucket's remaining budget beyond those in flight (default 0). */
  rateLimitReserve?: number;
  clock?: Clock;
  /** Aborts every queued and running request of this scheduler. */
  signal?: AbortSignal;
  log?: Logger;
  /** Applied to every message the scheduler logs or emits. */
  redact?: (text: string) => string;
  /**
   * Consulted when a content-creating REST write fails in a way that leaves it
   * unknown whether GitHub applied it (5xx, reset, timeout). Returns the object
   * the write created, if it finds one, so the write is not sent twice; returns
   * undefined when it is sure nothing was created, and the write is retried.
   * Without it such writes are never retried blindly: the error is thrown.
   */
  recoverWrite?: (options: RequestOptions) => Promise<RequestResult | undefined>;
}

/** A write that failed after it may have reached GitHub: it was not sent again. */
export class AmbiguousWriteError extends Error {
  readonly retryable = false;
  constructor(route: string, cause: unknown) {
    super(`${route} failed and may or may not have been applied: ${messageOf(cause)}`, { cause });
    this.name = "AmbiguousWriteError";
  }
}

export type RetryReason = TransientReason | "rate-limit" | "secondary-rate-limit";

export interface WaitEvent {
  reason: "rate-limit" | "secondary-rate-limit" | "budget";
  /** Clock time (epoch ms) the wait ends. */
  until: number;
  waitMs: number;
  /** Primary-limit bucket ("core", "graphql", …) for rate-limit waits. */
  resource?: string;
  /** Which per-minute budget, for budget waits. */
  budget?: BudgetName;
  route?: string;
}

export interface RetryEvent {
  route: string;
  /** 1 for the first retry of this request. */
  attempt: number;
  reason: RetryReason;
  /** Delay before the retry is queued again (rate-limit waits happen in the queue). */
  delayMs: number;
  status?: number;
  /** Redacted message of the failure being retried. */
  error: string;
}

export type ConcurrencyEvent = ConcurrencyChange;

export interface SchedulerEvents {
  wait: [WaitEvent];
  retry: [RetryEvent];
  concurrency: [ConcurrencyEvent];
}

export type RequestOptions = Hooks["request"]["Options"];
export type RequestResult = Hooks["request"]["Result"];
type SendRequest = (options: RequestOptions) => RequestResult | Promise<RequestResult>;

/** Thrown when every attempt of a request ran past `requestTimeoutMs`. */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
  constructor(
    readonly route: string,
    readonly timeoutMs: number,
  ) {
    super(`${route} timed out after ${timeoutMs} ms`);
  }
}

export class RequestScheduler extends EventEmitter<SchedulerEvents> {
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly redact: (text: string) => string;
  private readonly adaptive: AdaptiveConcurrency;
  private readonly limits: RateLimitTracker;
  private readonly gate: RequestGate;
  private readonly counters = new StatsCounters();
  private readonly backoff: BackoffOptions;
  private readonly random: () => number;
  private readonly maxRetries: number;
  private readonly maxRateLimitWaits: number;
  private readonly graphqlTimeoutRetries: number;
  private readonly requestTimeoutMs: number;
  private readonly secondaryFallbackMs: number;
  private readonly recoverWrite: RequestSchedulerOptions["recoverWrite"];
  private readonly rateLimitFallbackMs: number;
  private readonly resetMarginMs: number;
  private readonly signal: AbortSignal | undefined;
  private seq = 0;

  constructor(options: RequestSchedulerOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.redact = options.redact ?? ((text) => text);
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.random = options.random ?? Math.random;
    this.maxRetries = options.maxRetries ?? 6;
    this.maxRateLimitWaits = options.maxRateLimitWaits ?? 10;
    this.graphqlTimeoutRetries = options.graphqlTimeoutRetries ?? 1;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.secondaryFallbackMs = options.secondaryFallbackMs ?? 60_000;
    this.recoverWrite = options.recoverWrite;
    this.rateLimitFallbackMs = options.rateLimitFallbackMs ?? 60_000;
    this.resetMarginMs = options.rateLimitResetMarginMs ?? 1000;
    this.signal = options.signal;
    this.limits = new RateLimitTracker(this.resetMarginMs);
    this.adaptive = new AdaptiveConcurrency(
      options.concurrency ?? 24,
      options.increaseEvery ?? 20,
      (change) => {
        // Lowering is news; each +1 step back up is detail.
        const level = change.reason === "recovered" ? "debug" : "info";
        this.log[level](`Request concurrency ${change.from} → ${change.to} (${change.reason})`, {
          ...change,
        });
        this.emit("concurrency", change);
        this.gate.wake();
      },
    );
    this.gate = new RequestGate({
      clock: this.clock,
      budgets: resolveBudgets(options.budgets),
      minWriteIntervalMs: options.minWriteIntervalMs ?? 1000,
      rateLimits: this.limits,
      rateLimitReserve: options.rateLimitReserve ?? 0,
      concurrency: () => this.adaptive.current,
      onWait: (wait) => this.onGateWait(wait),
    });
  }

  /** Current (possibly lowered) concurrency. */
  get concurrency(): number {
    return this.adaptive.current;
  }

  /** Sets the maximum (and current) number of requests in flight. */
  setConcurrency(n: number): void {
    this.adaptive.set(n);
    this.gate.wake();
  }

  stats(): RequestStats {
    const now = this.clock.now();
    return {
      ...this.counters.counters(),
      inFlight: this.gate.inFlight,
      peakInFlight: this.gate.peakInFlight,
      queued: this.gate.queued,
      concurrency: this.adaptive.current,
      maxConcurrency: this.adaptive.max,
      rateLimits: this.limits.snapshot(now),
    };
  }

  /**
   * Runs one Octokit request through the gate with retries. `send` is the
   * rest of Octokit's hook chain (auth, then fetch); it is called once per attempt.
   */
  async schedule(send: SendRequest, options: RequestOptions): Promise<RequestResult> {
    const info = describeRequest(options);
    const callerSignal = anySignal(asSignal(options.request?.signal), this.signal);
    const priority = typeof options.request?.priority === "number" ? options.request.priority : 0;
    const timeoutMs =
      typeof options.request?.timeoutMs === "number" ? options.request.timeoutMs : this.requestTimeoutMs;
    const seq = ++this.seq;
    // Octokit parses JSON with json-with-bigint, which copies and scans every
    // body (a third of a save's CPU and much of its garbage); GitHub's numbers
    // fit in a double, so bodies are read here with the native parser unless
    // the caller asked for the raw body itself.
    const parseHere = options.request?.parseSuccessResponseBody === undefined;
    if (parseHere) options.request = { ...options.request, parseSuccessResponseBody: false };
    let retries = 0;
    let rateLimitWaits = 0;
    let graphqlTimeouts = 0;
    let notBefore: number | undefined;
    for (;;) {
      // The backoff wait happens in the gate (notBefore): one timer and one
      // abort listener for everything, and the retry keeps its place in line.
      const slot = await this.gate.acquire({ ...info, priority, seq, notBefore }, callerSignal);
      const attempt = new AbortController();
      const timer =
        timeoutMs > 0
          ? setTimeout(() => attempt.abort(new RequestTimeoutError(info.routeKey, timeoutMs)), timeoutMs)
          : undefined;
      let outcome: Outcome;
      let failure: unknown;
      let response: RequestResult | undefined;
      try {
        // Inner hooks (auth) are bound to this very options object and ignore
        // the argument's fields, so the attempt's signal is set in place.
        options.request = { ...options.request, signal: anySignal(callerSignal, attempt.signal) };
        response = await send(options);
        if (parseHere) {
          const received = response;
          response = undefined;
          response = await parseBody(received).catch((error: unknown) => {
            // An answer over the size limit is not retried: it would be as large again.
            if (error instanceof LimitError) this.counters.finished(info.routeKey, received.status);
            throw error;
          });
        } else if (response.data instanceof ReadableStream)
          response = { ...response, data: keepBody(response.data) };
        const now = this.clock.now();
        this.limits.observe(info.resource, parseRateLimitHeaders(response.headers, now), now);
        this.counters.finished(info.routeKey, response.status);
        const graphqlOutcome = info.isGraphQL
          ? classifyGraphQLBody(response.data, response.headers, now)
          : null;
        if (!graphqlOutcome) {
          this.adaptive.onSuccess();
          return response;
        }
        outcome = graphqlOutcome;
        failure = new Error(
          graphqlErrorsOf(response.data)
            .map((e) => e.message)
            .join("; "),
        );
      } catch (err) {
        if (err instanceof LimitError) throw err;
        if (callerSignal?.aborted) {
          this.counters.finished(info.routeKey, "aborted");
          throw abortErrorFor(callerSignal);
        }
        const now = this.clock.now();
        if (attempt.signal.aborted) {
          outcome = { kind: "transient", reason: "timeout" };
          failure = attempt.signal.reason;
          this.counters.finished(info.routeKey, "timeout");
        } else {
          outcome = classifyError(err, info.isGraphQL, now);
          failure = err;
          this.limits.observe(info.resource, parseRateLimitHeaders(responseHeadersOf(err), now), now);
          this.counters.finished(info.routeKey, attemptStatus(err));
        }
      } finally {
        clearTimeout(timer);
        slot.release();
      }

      // Decide whether to go again; `giveUp` returns the GraphQL 200 as is so
      // @octokit/graphql raises its usual GraphqlResponseError.
      const giveUp = (): RequestResult => {
        if (response) return response;
        throw failure;
      };
      const now = this.clock.now();
      let delayMs = 0;
      let reason: RetryReason;
      switch (outcome.kind) {
        case "fatal":
          return giveUp();
        case "primary": {
          if (++rateLimitWaits > this.maxRateLimitWaits) return giveUp();
          const resource = outcome.limits.resource ?? info.resource;
          const reset = outcome.limits.resetAt;
          // A reset already past (clock skew) still waits a little instead of spinning.
          const resetAt =
            reset === undefined
              ? now + this.rateLimitFallbackMs
              : reset > now
                ? reset
                : now + Math.max(this.resetMarginMs, 1000);
          this.limits.exhaust(resource, resetAt, now);
          reason = "rate-limit";
          break;
        }
        case "secondary": {
          if (++retries > this.maxRetries) return giveUp();
          this.counters.secondaryLimitHits++;
          const waitMs = outcome.limits.retryAfterMs ?? this.secondaryFallbackMs;
          this.adaptive.onSecondaryLimit(slot.admission, this.gate.admitted);
          this.gate.pauseAll(now + waitMs);
          reason = "secondary-rate-limit";
          break;
        }
        case "transient": {
          if (outcome.reason === "graphql-timeout" && ++graphqlTimeouts > this.graphqlTimeoutRetries)
            return giveUp();
          if (info.contentCreating && !info.isGraphQL) {
            // Sending a write twice could create the object twice.
            if (!this.recoverWrite) throw new AmbiguousWriteError(info.routeKey, failure);
            let found: RequestResult | undefined;
            try {
              found = await this.recoverWrite(options);
            } catch {
              throw new AmbiguousWriteError(info.routeKey, failure);
            }
            if (found) return found;
          }
          if (++retries > this.maxRetries) return giveUp();
          delayMs = fullJitterDelay(retries, this.backoff, this.random);
          reason = outcome.reason;
          break;
        }
      }
      this.counters.retries++;
      const event: RetryEvent = {
        route: info.routeKey,
        attempt: retries + rateLimitWaits,
        reason,
        delayMs,
        error: this.redact(messageOf(failure)),
      };
      const status = response?.status ?? httpStatusOf(failure);
      if (status !== undefined) event.status = status;
      this.log.debug(`Retrying ${info.routeKey} (${reason}) in ${delayMs} ms: ${event.error}`, { ...event });
      this.emit("retry", event);
      notBefore = now + delayMs;
    }
  }

  private onGateWait(wait: GateWait): void {
    const now = this.clock.now();
    const event: WaitEvent = {
      reason: wait.reason,
      until: wait.until,
      waitMs: Math.max(0, wait.until - now),
    };
    if (wait.reason === "rate-limit") {
      this.counters.rateLimitWaits++;
      event.resource = wait.resource;
      this.log.warn(
        `GitHub ${wait.resource} rate limit reached; waiting until ${new Date(wait.until).toISOString()}`,
        { ...event },
      );
    } else if (wait.reason === "secondary-rate-limit") {
      this.log.warn(`GitHub secondary rate limit; pausing all requests for ${event.waitMs} ms`, { ...event });
    } else {
      this.counters.budgetDelays++;
      event.budget = wait.budget;
      event.route = wait.route;
      this.log.debug(`Delaying ${wait.route} by ${event.waitMs} ms for the ${wait.budget} budget`, {
        ...event,
      });
    }
    this.emit("wait", event);
  }
}

function asSignal(value: unknown): AbortSignal | undefined {
  return value instanceof AbortSignal ? value : undefined;
}

/** The HTTP status of an answer; undefined when no answer came (Octokit reports those as 500). */
function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null || (err as { response?: unknown }).response === undefined) {
    return undefined;
  }
  return statusOf(err);
}

function attemptStatus(err: unknown): AttemptStatus {
  return httpStatusOf(err) ?? "network";
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function createRequestScheduler(options: RequestSchedulerOptions = {}): RequestScheduler {
  return new RequestScheduler(options);
}

/**
 * Octokit plugin. Uses `options.scheduler` when given (one scheduler shared by
 * every Octokit instance of a token), else creates one from `options.schedulerOptions`.
 */
export function schedulerPlugin(octokit: Octokit, options: OctokitOptions): { scheduler: RequestScheduler } {
  const given: unknown = options.scheduler;
  const scheduler =
    given instanceof RequestScheduler
      ? given
      : createRequestScheduler((options.schedulerOptions as RequestSchedulerOptions | undefined) ?? {});
  octokit.hook.wrap("request", (send, requestOptions) => scheduler.schedule(send, requestOptions));
  return { scheduler };
}

/** What Octokit's own body parsing does, with JSON.parse. */
async function parseBody(response: RequestResult): Promise<RequestResult> {
  const body: unknown = response.data;
  if (!(body instanceof ReadableStream)) return response;
  const type = String(response.headers["content-type"] ?? "");
  const length = response.headers["content-length"];
  if (/json/i.test(type)) {
    const text = await readCappedText(body, length);
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // Not JSON after all: keep the text, as Octokit does.
      return { ...response, data };
    }
    return withRawBody({ ...response, data }, text);
  }
  if (/^text\//i.test(type) || /charset=utf-8/i.test(type))
    return { ...response, data: await readCappedText(body, length) };
  const bytes = await readCapped(body, length);
  return { ...response, data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}
