// The orchestrator's public contract. It runs named jobs with declared
// dependencies and knows nothing about GitHub.

export interface JobProgress {
  /** Records (or other units) done so far. */
  items?: number;
  /** Pages or requests done so far. */
  pages?: number;
  /** Expected total items, when known. */
  total?: number;
  message?: string;
}

export interface JobContext {
  /** Aborted on cancellation, on the job's timeout, or when the run is stopped. */
  signal: AbortSignal;
  /** 1 on the first attempt. */
  attempt: number;
  /** The jobs of `after` that did not succeed, with how they ended (set by the run loop). */
  unmet?: ReadonlyMap<string, JobStatus>;
  progress(update: JobProgress): void;
}

export interface JobOutput {
  /** Records the job produced (collected, written or restored). */
  records: number;
}

export interface JobSpec<Out extends JobOutput = JobOutput> {
  name: string;
  dependsOn?: readonly string[];
  /**
   * Jobs to wait for whatever their outcome: the job runs once they have all
   * ended, and is told which did not succeed (JobContext.unmet).
   */
  after?: readonly string[];
  /** Per-job overrides of the run defaults. */
  timeoutMs?: number;
  retries?: number;
  /** Wait before the first retry; doubles for each further one. */
  retryDelayMs?: number;
  run(ctx: JobContext): Promise<Out>;
}

export type JobStatus = "succeeded" | "failed" | "skipped" | "cancelled";

export interface JobResult<Out extends JobOutput = JobOutput> {
  name: string;
  status: JobStatus;
  records: number;
  attempts: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number;
  /** Failure message (failed), or why the job did not run (skipped, cancelled). */
  error: string | null;
  output: Out | null;
}

export type OrchestratorEvent =
  | { type: "queued"; job: string; at: Date }
  | { type: "started"; job: string; attempt: number; at: Date }
  | ({ type: "progress"; job: string; at: Date } & JobProgress)
  /** `attempt` is the attempt about to start after `delayMs`; `error` is why the previous one failed. */
  | { type: "retrying"; job: string; attempt: number; error: string; delayMs: number; at: Date }
  | { type: "succeeded"; job: string; records: number; durationMs: number; at: Date }
  | { type: "failed"; job: string; error: string; durationMs: number; at: Date }
  | { type: "skipped"; job: string; reason: string; at: Date }
  | { type: "cancelled"; job: string; reason: string; at: Date };

export interface RunOptions {
  /** Jobs running at once (default: all ready jobs). */
  concurrency?: number;
  /** Stops the run: running jobs are aborted, pending jobs are cancelled. */
  signal?: AbortSignal;
  /** Defaults for jobs that set none (timeout off and no retries unless given). */
  defaults?: { timeoutMs?: number; retries?: number; retryDelayMs?: number };
  onEvent?: (event: OrchestratorEvent) => void;
}

export type OrchestratorEventType = OrchestratorEvent["type"];

export interface RunResult<Out extends JobOutput = JobOutput> {
  /** One result per job, in declaration order. */
  results: JobResult<Out>[];
  /** Every job succeeded. */
  succeeded: boolean;
  /** The run's signal aborted before every job had finished. */
  cancelled: boolean;
}
