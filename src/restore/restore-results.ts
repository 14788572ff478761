// Each job's outcome as the library reports it: a job that ended with failed
// items, or that stopped early, is "failed" even though the orchestrator saw
// it succeed; a selected type the backup lacks is "skipped".
import type { JobStatus, RunResult } from "../orchestrator/types.js";
import type { RestoreJobOutput } from "./restore-jobs.js";
import type { EntityRestorer } from "./types.js";

export interface RestoreOperationResult {
  name: string;
  status: JobStatus;
  /** Objects created, updated or adopted. */
  records: number;
  skipped: number;
  failed: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  durationMs: number;
  error: string | null;
}

export function restoreResults(
  run: RunResult<RestoreJobOutput>,
  restorers: readonly EntityRestorer[],
  present: ReadonlySet<string>,
  redact: (text: string) => string,
): RestoreOperationResult[] {
  const results: RestoreOperationResult[] = run.results.map((r) => {
    const out = r.output;
    const failed = out?.failed ?? 0;
    let status: JobStatus = r.status;
    let error = r.error;
    if (r.status === "succeeded" && out && (out.error !== null || failed > 0)) {
      status = "failed";
      error = out.error ?? `${failed} ${failed === 1 ? "item" : "items"} failed`;
    }
    return {
      name: r.name,
      status,
      records: out?.records ?? r.records,
      skipped: out?.skipped ?? 0,
      failed,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      durationMs: r.durationMs,
      error: error === null ? null : redact(error),
    };
  });
  for (const r of restorers) {
    if (present.has(r.name)) continue;
    results.push({
      name: r.name,
      status: "skipped",
      records: 0,
      skipped: 0,
      failed: 0,
      startedAt: null,
      finishedAt: null,
      durationMs: 0,
      error: "not in the backup",
    });
  }
  return results;
}

/** 0 everything restored, 1 something failed, 130 interrupted. */
export function restoreExitCode(results: readonly RestoreOperationResult[], cancelled: boolean): 0 | 1 | 130 {
  if (cancelled) return 130;
  return results.some((r) => r.status === "failed" || r.status === "cancelled") ? 1 : 0;
}
