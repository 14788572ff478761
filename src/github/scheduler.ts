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
import { Readable } from "node:stream";
import type { Octokit, OctokitOptions } from "@octokit/core";
import type { Hooks } from "@octokit/core/types";
import { LimitError } from "../util/limits.js";
import type { Logger } from "../util/logger.js";
import { silentLogger } from "../util/logger.js";
import { abortErrorFor, anySignal } from "./abort.js";
import { AnswerBudget, type AnswerGrant } from "./answer-budget.js";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./backoff.js";
import { decodeUtf8, discardBody, isAnswerBody, readCapped, readCappedText } from "./capped-body.js";
import {
  classifyError,
  classifyGraphQLBody,
  graphqlErrorsOf,
  responseHeadersOf,
  statusOf,
} from "./classify-outcome.js";
import { type Clock, systemClock } from "./clock.js";
import { AdaptiveConcurrency, type ConcurrencyChange } from "./concurrency.js";
import { keepBody, webBody } from "./kept-body.js";
import { DEFAULT_PRIORITY } from "./priorities.js";
import { type Budgets, resolveBudgets } from "./rate-budget.js";
import { parseRateLimitHeaders, RateLimitTracker } from "./rate-limits.js";
import { withRawBody } from "./raw-body.js";
import { type BudgetName, type GateWait, RequestGate } from "./request-gate.js";
import {
  type AttemptOutcome,
  decideRetry,
  type GiveUpReason,
  NO_RETRIES,
  type RetryCounts,
  type RetryDecision,
  type RetryFacts,
  type RetryPolicy,
  type RetryReason,
} from "./retry-decision.js";
import { describeRequest, type RequestInfo } from "./route-key.js";
import { type AttemptStatus, type RequestStats, StatsCounters } from "./stats.js";

export type { Budgets } from "./rate-budget.js";
export type { RequestStats } from "./stats.js";

export interface RequestSchedulerOptions {
  /** Most requests in flight (default 100, GitHub's limit); lowered temporarily after secondary limits. */
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
  /**
   * Bytes of answer bodies read and parsed at once, across every request in
   * flight (default 8 MiB); the rest wait unread. Bounds memory whatever the concurrency.
   */
  answerBudgetBytes?: number;
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
  /**
   * When requests pause for a primary (hourly) limit: an estimate of when the
   * whole run will finish (epoch ms), shown in the log and the stats.
   */
  estimateFinish?: (pause: PrimaryPause) => number | undefined;
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

export type { RetryReason } from "./retry-decision.js";

/** A pause for a primary limit, as the finish estimate sees it. */
export interface PrimaryPause {
  /** When requests resume (epoch ms). */
  resumeAt: number;
  resource: string;
  now: number;
  stats: RequestStats;
}

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
  /** For rate-limit waits: when the run is estimated to finish (epoch ms), if estimated. */
  estimatedFinish?: number;
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

/** An attempt that produced no answer to return (a GraphQL 200 with errors keeps its response). */
interface FailedAttempt {
  outcome: AttemptOutcome;
  failure: unknown;
  response?: RequestResult;
}

type AfterWriteCheck =
  | Exclude<RetryDecision, { action: "check-write" }>
  | { action: "recovered"; response: RequestResult };

const AMBIGUOUS: AfterWriteCheck = { action: "give-up", reason: "ambiguous-write" };
const ABORTED: AttemptOutcome = { kind: "aborted" };
const TIMED_OUT: AttemptOutcome = { kind: "transient", reason: "timeout" };

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
  private readonly answers: AnswerBudget;
  private readonly counters = new StatsCounters();
  /** The end of the current primary-limit pause (epoch ms; 0 = none yet). */
  private pausedUntil = 0;
  /** The finish estimated when the current pause began. */
  private estimatedFinish: number | undefined;
  private readonly estimateFinish: RequestSchedulerOptions["estimateFinish"];
  private readonly policy: RetryPolicy;
  private readonly requestTimeoutMs: number;
  private readonly recoverWrite: RequestSchedulerOptions["recoverWrite"];
  private readonly signal: AbortSignal | undefined;
  private seq = 0;

  constructor(options: RequestSchedulerOptions = {}) {
    super();
    this.clock = options.clock ?? systemClock;
    this.log = options.log ?? silentLogger;
    this.redact = options.redact ?? ((text) => text);
    this.policy = {
      maxRetries: options.maxRetries ?? 6,
      maxRateLimitWaits: options.maxRateLimitWaits ?? 10,
      graphqlTimeoutRetries: options.graphqlTimeoutRetries ?? 1,
      secondaryFallbackMs: options.secondaryFallbackMs ?? 60_000,
      rateLimitFallbackMs: options.rateLimitFallbackMs ?? 60_000,
      resetMarginMs: options.rateLimitResetMarginMs ?? 1000,
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      random: options.random ?? Math.random,
    };
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.recoverWrite = options.recoverWrite;
    this.estimateFinish = options.estimateFinish;
    this.signal = options.signal;
    this.limits = new RateLimitTracker(this.policy.resetMarginMs);
    this.answers = new AnswerBudget(options.answerBudgetBytes);
    this.adaptive = new AdaptiveConcurrency(
      options.concurrency ?? 100,
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
    const paused =
      this.pausedUntil > now
        ? {
            rateLimitPausedUntil: this.pausedUntil,
            ...(this.estimatedFinish === undefined ? {} : { rateLimitEstimatedFinish: this.estimatedFinish }),
          }
        : {};
    return {
      ...paused,
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
    const priority =
      typeof options.request?.priority === "number" ? options.request.priority : DEFAULT_PRIORITY;
    const timeoutMs =
      typeof options.request?.timeoutMs === "number" ? options.request.timeoutMs : this.requestTimeoutMs;
    const seq = ++this.seq;
    // Octokit parses JSON with json-with-bigint, which copies and scans every
    // body (a third of a save's CPU and much of its garbage); GitHub's numbers
    // fit in a double, so bodies are read here with the native parser unless
    // the caller asked for the raw body itself.
    const parseHere = options.request?.parseSuccessResponseBody === undefined;
    if (parseHere) options.request = { ...options.request, parseSuccessResponseBody: false };
    let spent = NO_RETRIES;
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
      let failed: FailedAttempt;
      let answerBytes: AnswerGrant | undefined;
      try {
        // Inner hooks (auth) are bound to this very options object and ignore
        // the argument's fields, so the attempt's signal is set in place.
        options.request = { ...options.request, signal: anySignal(callerSignal, attempt.signal) };
        let response = await send(options);
        if (parseHere) {
          const received = response;
          const body = received.data;
          if (isAnswerBody(body))
            answerBytes = await this.answers
              .acquire(
                AnswerBudget.weigh(received.headers["content-length"]),
                options.request.signal as AbortSignal | undefined,
                priority,
              )
              .catch(async (error: unknown) => {
                await discardBody(body);
                throw error;
              });
          response = await parseBody(received).catch((error: unknown) => {
            // An answer over the size limit is not retried: it would be as large again.
            if (error instanceof LimitError) this.counters.finished(info.routeKey, received.status);
            throw error;
          });
        } else if (response.data instanceof ReadableStream)
          response = { ...response, data: keepBody(response.data) };
        else if (response.data instanceof Readable) response = { ...response, data: webBody(response.data) };
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
        failed = { outcome: graphqlOutcome, failure: graphqlFailure(response.data), response };
      } catch (err) {
        if (err instanceof LimitError) throw err;
        failed = this.classifyFailure(err, info, callerSignal, attempt.signal);
      } finally {
        clearTimeout(timer);
        answerBytes?.release();
        slot.release();
      }
      const now = this.clock.now();
      const facts: RetryFacts = {
        outcome: failed.outcome,
        request: info,
        spent,
        canCheckWrite: this.recoverWrite !== undefined,
        writeNotApplied: false,
        now,
      };
      let decision: AfterWriteCheck | RetryDecision = decideRetry(facts, this.policy);
      if (decision.action === "check-write") decision = await this.checkWrite(facts, options);
      switch (decision.action) {
        case "give-up":
          return this.giveUp(decision.reason, failed, info, callerSignal);
        case "recovered":
          return decision.response;
        case "wait-for-reset":
          this.limits.exhaust(decision.resource, decision.resetAt, now);
          break;
        case "pause-all":
          this.counters.secondaryLimitHits++;
          this.adaptive.onSecondaryLimit(slot.admission, this.gate.admitted);
          this.gate.pauseAll(now + decision.waitMs);
          break;
        case "retry":
          break;
      }
      spent = decision.spent;
      const delayMs = decision.action === "retry" ? decision.delayMs : 0;
      this.announceRetry(info, failed, decision.reason, spent, delayMs);
      notBefore = now + delayMs;
    }
  }

  /** What a thrown attempt means; counts the attempt's ending. */
  private classifyFailure(
    err: unknown,
    info: RequestInfo,
    callerSignal: AbortSignal | undefined,
    attemptSignal: AbortSignal,
  ): FailedAttempt {
    if (callerSignal?.aborted) {
      this.counters.finished(info.routeKey, "aborted");
      return { outcome: ABORTED, failure: err };
    }
    if (attemptSignal.aborted) {
      this.counters.finished(info.routeKey, "timeout");
      return { outcome: TIMED_OUT, failure: attemptSignal.reason };
    }
    const now = this.clock.now();
    this.limits.observe(info.resource, parseRateLimitHeaders(responseHeadersOf(err), now), now);
    this.counters.finished(info.routeKey, attemptStatus(err));
    return { outcome: classifyError(err, info.isGraphQL, now), failure: err };
  }

  /**
   * Looks up whether an ambiguous write was applied (`recoverWrite`): the
   * object it created, or the decision once GitHub is known not to have it.
   */
  private async checkWrite(facts: RetryFacts, options: RequestOptions): Promise<AfterWriteCheck> {
    let found: RequestResult | undefined;
    try {
      found = await this.recoverWrite?.(options);
    } catch {
      return AMBIGUOUS;
    }
    if (found) return { action: "recovered", response: found };
    const decision = decideRetry({ ...facts, writeNotApplied: true }, this.policy);
    return decision.action === "check-write" ? AMBIGUOUS : decision;
  }

  /**
   * Ends the request without an answer. A GraphQL 200 is returned as is, so
   * @octokit/graphql raises its usual GraphqlResponseError.
   */
  private giveUp(
    reason: GiveUpReason,
    failed: FailedAttempt,
    info: RequestInfo,
    callerSignal: AbortSignal | undefined,
  ): RequestResult {
    if (reason === "aborted" && callerSignal) throw abortErrorFor(callerSignal);
    if (reason === "ambiguous-write") throw new AmbiguousWriteError(info.routeKey, failed.failure);
    if (failed.response) return failed.response;
    throw failed.failure;
  }

  private announceRetry(
    info: RequestInfo,
    failed: FailedAttempt,
    reason: RetryReason,
    spent: RetryCounts,
    delayMs: number,
  ): void {
    this.counters.retries++;
    const event: RetryEvent = {
      route: info.routeKey,
      attempt: spent.retries + spent.rateLimitWaits,
      reason,
      delayMs,
      error: this.redact(messageOf(failed.failure)),
    };
    const status = failed.response?.status ?? httpStatusOf(failed.failure);
    if (status !== undefined) event.status = status;
    this.log.debug(`Retrying ${info.routeKey} (${reason}) in ${delayMs} ms: ${event.error}`, { ...event });
    this.emit("retry", event);
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
      this.pausedUntil = Math.max(this.pausedUntil, wait.until);
      const finish = this.estimateFinish?.({
        resumeAt: wait.until,
        resource: wait.resource,
        now,
        stats: this.stats(),
      });
      this.estimatedFinish = finish;
      if (finish !== undefined) event.estimatedFinish = finish;
      const eta = finish === undefined ? "" : `; estimated finish ${new Date(finish).toISOString()}`;
      this.log.warn(
        `GitHub ${wait.resource} rate limit reached; waiting ${formatWait(event.waitMs)} until the reset at ${new Date(wait.until).toISOString()}, then continuing${eta}`,
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

/** "42 s" or "12 min 5 s". */
function formatWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
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

/** The failure a GraphQL 200 with errors stands for, in retry events. */
function graphqlFailure(data: unknown): Error {
  return new Error(
    graphqlErrorsOf(data)
      .map((e) => e.message)
      .join("; "),
  );
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
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
      : new RequestScheduler((options.schedulerOptions as RequestSchedulerOptions | undefined) ?? {});
  octokit.hook.wrap("request", (send, requestOptions) => scheduler.schedule(send, requestOptions));
  return { scheduler };
}

/** What Octokit's own body parsing does, with JSON.parse. */
async function parseBody(response: RequestResult): Promise<RequestResult> {
  const body: unknown = response.data;
  if (!isAnswerBody(body)) return response;
  const type = String(response.headers["content-type"] ?? "");
  const length = response.headers["content-length"];
  if (/json/i.test(type)) {
    const bytes = await readCapped(body, length);
    const text = decodeUtf8(bytes);
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // Not JSON after all: keep the text, as Octokit does.
      return { ...response, data };
    }
    // The bytes, not the text: the journal writes them as they are, without encoding them again.
    return withRawBody({ ...response, data }, bytes);
  }
  if (/^text\//i.test(type) || /charset=utf-8/i.test(type))
    return { ...response, data: await readCappedText(body, length) };
  const bytes = await readCapped(body, length);
  return { ...response, data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}
