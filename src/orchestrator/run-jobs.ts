// The run loop: starts each job the moment its last dependency succeeds (and every job of its
// `after` has ended), within the concurrency bound, most critical first; isolates failures;
// applies timeouts, retries and cancellation.

import { sleep } from "../util/sleep.js";
import { attemptSignal, raceAbort } from "./abort.js";
import { errorMessage, isRetryable } from "./errors.js";
import { buildJobGraph, type JobGraph } from "./graph.js";
import { checkSettings, type JobSettings, resolveSettings, retryDelay } from "./settings.js";
import type {
  JobContext,
  JobOutput,
  JobResult,
  JobSpec,
  JobStatus,
  OrchestratorEvent,
  RunOptions,
  RunResult,
} from "./types.js";

export const RUN_CANCELLED = "run cancelled";

/**
 * Runs every job once its dependencies have succeeded. Rejects only for an invalid job list or
 * options (JobGraphError, RangeError); job failures and cancellation are reported in the result.
 */
export async function runJobs<Out extends JobOutput>(
  jobs: readonly JobSpec<Out>[],
  options: RunOptions = {},
): Promise<RunResult<Out>> {
  return runGraph(buildJobGraph(jobs), options);
}

/** runJobs for a built graph. Throws synchronously for invalid options. */
function runGraph<Out extends JobOutput>(
  graph: JobGraph<Out>,
  options: RunOptions = {},
): Promise<RunResult<Out>> {
  const concurrency = options.concurrency ?? Number.POSITIVE_INFINITY;
  if (!(concurrency === Number.POSITIVE_INFINITY || (Number.isInteger(concurrency) && concurrency >= 1))) {
    throw new RangeError(`concurrency must be a positive integer, got ${String(concurrency)}`);
  }
  const problems = checkSettings("run defaults", options.defaults ?? {});
  if (problems.length > 0) throw new RangeError(problems.join("; "));
  return new Run(graph, options, concurrency).start();
}

type Phase = "waiting" | "ready" | "running" | "done";

interface JobState<Out extends JobOutput> {
  spec: JobSpec<Out>;
  settings: JobSettings;
  phase: Phase;
  /** Dependencies that have not succeeded yet, and jobs of `after` that have not ended. */
  blockers: number;
  /** Jobs of `after` that ended without succeeding. */
  unmet: Map<string, JobStatus>;
  attempts: number;
  startedAt: Date | null;
  result: JobResult<Out> | null;
}

type Outcome<Out> = { status: "succeeded"; output: Out } | { status: "failed" | "cancelled"; error: string };

class Run<Out extends JobOutput> {
  private readonly states = new Map<string, JobState<Out>>();
  private readonly signal: AbortSignal | undefined;
  private running = 0;
  private unfinished: number;
  private cancelled = false;
  private listenerFailed = false;
  private resolve: (result: RunResult<Out>) => void = () => {};

  constructor(
    private readonly graph: JobGraph<Out>,
    private readonly options: RunOptions,
    private readonly concurrency: number,
  ) {
    this.signal = options.signal;
    this.unfinished = graph.jobs.length;
    for (const spec of graph.jobs) {
      this.states.set(spec.name, {
        spec,
        settings: resolveSettings(spec, options.defaults),
        phase: "waiting",
        blockers: graph.dependencies(spec.name).length + graph.awaited(spec.name).length,
        unmet: new Map(),
        attempts: 0,
        startedAt: null,
        result: null,
      });
    }
  }

  start(): Promise<RunResult<Out>> {
    const done = new Promise<RunResult<Out>>((resolve) => {
      this.resolve = resolve;
    });
    for (const spec of this.graph.jobs) this.emit({ type: "queued", job: spec.name, at: new Date() });
    if (this.signal?.aborted) this.cancel();
    else {
      this.signal?.addEventListener("abort", this.cancel, { once: true });
      for (const state of this.states.values()) if (state.blockers === 0) state.phase = "ready";
      this.pump();
    }
    this.finishIfDone();
    return done;
  }

  /** Starts ready jobs while there is room: longest chain of dependents first, then declaration order. */
  private pump(): void {
    while (!this.cancelled && this.running < this.concurrency) {
      let best: JobState<Out> | undefined;
      for (const state of this.states.values()) {
        if (state.phase !== "ready") continue;
        if (!best || this.graph.priority(state.spec.name) > this.graph.priority(best.spec.name)) best = state;
      }
      if (!best) return;
      this.launch(best);
    }
  }

  private launch(state: JobState<Out>): void {
    state.phase = "running";
    this.running++;
    void this.execute(state).then((outcome) => {
      this.running--;
      this.settle(state, outcome);
      this.pump();
      this.finishIfDone();
    });
  }

  /** All attempts of one job. Never rejects. */
  private async execute(state: JobState<Out>): Promise<Outcome<Out>> {
    const { spec, settings } = state;
    const name = spec.name;
    for (let attempt = 1; ; attempt++) {
      if (this.signal?.aborted) return { status: "cancelled", error: RUN_CANCELLED };
      state.attempts = attempt;
      state.startedAt ??= new Date();
      this.emit({ type: "started", job: name, attempt, at: new Date() });

      const bounded = attemptSignal(this.signal, settings.timeoutMs);
      let live = true;
      const ctx: JobContext = {
        signal: bounded.signal,
        attempt,
        unmet: state.unmet,
        progress: (update) => {
          // A timed-out or cancelled attempt may still be running: its reports are stale.
          if (live) this.emit({ ...update, type: "progress", job: name, at: new Date() });
        },
      };
      let failure: unknown;
      try {
        return { status: "succeeded", output: await raceAbort(invoke(spec, ctx), bounded.signal) };
      } catch (error) {
        failure = error;
      } finally {
        live = false;
        bounded.dispose();
      }

      if (this.signal?.aborted) return { status: "cancelled", error: RUN_CANCELLED };
      const message = errorMessage(failure);
      if (attempt > settings.retries || !isRetryable(failure)) return { status: "failed", error: message };
      const delayMs = retryDelay(settings, attempt + 1);
      this.emit({
        type: "retrying",
        job: name,
        attempt: attempt + 1,
        error: message,
        delayMs,
        at: new Date(),
      });
      try {
        await sleep(delayMs, this.signal);
      } catch {
        return { status: "cancelled", error: RUN_CANCELLED };
      }
    }
  }

  private settle(state: JobState<Out>, outcome: Outcome<Out>): void {
    const name = state.spec.name;
    if (outcome.status === "succeeded") {
      const result = this.finish(state, "succeeded", null, outcome.output);
      this.emit({
        type: "succeeded",
        job: name,
        records: result.records,
        durationMs: result.durationMs,
        at: result.finishedAt!,
      });
      for (const dependent of this.graph.dependents(name)) this.unblock(dependent);
      for (const follower of this.graph.followers(name)) this.unblock(follower);
    } else if (outcome.status === "failed") {
      const result = this.finish(state, "failed", outcome.error, null);
      this.emit({
        type: "failed",
        job: name,
        error: outcome.error,
        durationMs: result.durationMs,
        at: result.finishedAt!,
      });
      const reason = `dependency "${name}" failed`;
      const ended = [name];
      for (const dependent of this.graph.downstream(name)) {
        const next = this.states.get(dependent)!;
        // Already done: skipped for another failed dependency, or cancelled.
        if (next.phase !== "waiting") continue;
        const skipped = this.finish(next, "skipped", reason, null);
        this.emit({ type: "skipped", job: dependent, reason, at: skipped.finishedAt! });
        ended.push(dependent);
      }
      // Jobs that run after these whatever their outcome go on without them.
      for (const job of ended) {
        for (const follower of this.graph.followers(job)) {
          this.states.get(follower)!.unmet.set(job, this.states.get(job)!.result!.status);
          this.unblock(follower);
        }
      }
    } else {
      const result = this.finish(state, "cancelled", outcome.error, null);
      this.emit({ type: "cancelled", job: name, reason: outcome.error, at: result.finishedAt! });
    }
  }

  /** One of the job's blockers is gone: it is ready once none is left (unless already settled). */
  private unblock(name: string): void {
    const next = this.states.get(name)!;
    next.blockers--;
    if (next.blockers === 0 && next.phase === "waiting") next.phase = "ready";
  }

  /** On the run's abort: jobs not started are cancelled now; running ones see their signal abort. */
  private readonly cancel = (): void => {
    this.cancelled = true;
    for (const state of this.states.values()) {
      if (state.phase !== "waiting" && state.phase !== "ready") continue;
      const result = this.finish(state, "cancelled", RUN_CANCELLED, null);
      this.emit({ type: "cancelled", job: state.spec.name, reason: RUN_CANCELLED, at: result.finishedAt! });
    }
    this.finishIfDone();
  };

  private finish(state: JobState<Out>, status: JobStatus, error: string | null, output: Out | null) {
    const finishedAt = new Date();
    const started = state.startedAt;
    const result: JobResult<Out> = {
      name: state.spec.name,
      status,
      records: recordsOf(output),
      attempts: state.attempts,
      startedAt: started,
      // A job that never started has no finish time either.
      finishedAt: started ? finishedAt : null,
      durationMs: started ? Math.max(0, finishedAt.getTime() - started.getTime()) : 0,
      error,
      output: output ?? null,
    };
    state.phase = "done";
    state.result = result;
    this.unfinished--;
    return { ...result, finishedAt };
  }

  private finishIfDone(): void {
    if (this.unfinished > 0 || this.running > 0) return;
    this.signal?.removeEventListener("abort", this.cancel);
    const results = this.graph.jobs.map((spec) => this.states.get(spec.name)!.result!);
    this.resolve({
      results,
      succeeded: results.every((result) => result.status === "succeeded"),
      cancelled: this.cancelled,
    });
  }

  private emit(event: OrchestratorEvent): void {
    const listener = this.options.onEvent;
    if (!listener) return;
    try {
      listener(event);
    } catch (error) {
      // A broken listener must not corrupt the run's bookkeeping; make it visible once instead.
      if (!this.listenerFailed)
        process.emitWarning(`orchestrator event listener threw: ${errorMessage(error)}`);
      this.listenerFailed = true;
    }
  }
}

/** Calls the job so that a synchronous throw becomes a rejection. */
function invoke<Out extends JobOutput>(spec: JobSpec<Out>, ctx: JobContext): Promise<Out> {
  return new Promise<Out>((resolve) => resolve(spec.run(ctx)));
}

/** Tolerates a job that breaks its type and resolves without a usable count. */
function recordsOf(output: JobOutput | null | undefined): number {
  const records = output?.records;
  return typeof records === "number" && Number.isFinite(records) ? records : 0;
}
