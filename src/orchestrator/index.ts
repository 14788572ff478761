// Public API of the job orchestrator.

export { attemptSignal, raceAbort, sleep } from "./abort.js";
export { errorMessage, isRetryable, JobGraphError, JobTimeoutError, NonRetryableError } from "./errors.js";
export { buildJobGraph, type JobGraph } from "./graph.js";
export { Orchestrator, type OrchestratorListener } from "./orchestrator.js";
export { RUN_CANCELLED, runGraph, runJobs } from "./run-jobs.js";
export type {
  JobContext,
  JobOutput,
  JobProgress,
  JobResult,
  JobSpec,
  JobStatus,
  OrchestratorEvent,
  OrchestratorEventType,
  RunOptions,
  RunResult,
} from "./types.js";
