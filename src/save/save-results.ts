// Each job's outcome as the library reports it.
import type { JobStatus, RunResult } from "../orchestrator/types.js";
import type { SaveJobOutput } from "./save-jobs.js";

/** One job's outcome, as the seed's library API reported it. */
export interface OperationResult {
  name: string;
  status: JobStatus;
  records: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number;
  /** Requests the job made (not counting retries). */
  requests: number;
  error: string | null;
  /** True when a resumed save found the job already complete. */
  resumed: boolean;
}

export function operationResults(
  run: RunResult<SaveJobOutput>,
  requestsOf: (job: string) => number,
  resumed: ReadonlySet<string>,
): OperationResult[] {
  return run.results.map((r) => ({
    name: r.name,
    // A job that found the type out of the token's reach ran fine but saved nothing: skipped, with the reason.
    status: r.output?.skipped === undefined ? r.status : "skipped",
    records: r.records,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.durationMs,
    requests: requestsOf(r.name),
    error: r.output?.skipped ?? r.error,
    resumed: resumed.has(r.name),
  }));
}
