// One orchestrator job per selected entity type found in the backup, then the
// references pass once they have all ended. A job's per-item failures are
// reported and the rest goes on; a job that throws reports why and ends, and
// its dependents still run for the objects that exist.

import { PreflightError } from "../errors.js";
import { describeGitHubError, isAbortError } from "../github/errors.js";
import type { JobOutput, JobSpec } from "../orchestrator/types.js";
import type { Logger } from "../util/logger.js";
import type { BackupSource } from "./backup-source.js";
import { fixReferences, REFERENCES_JOB } from "./reference-fixup.js";
import type { ReferenceMap } from "./references.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "./types.js";

export interface RestoreJobOutput extends JobOutput {
  skipped: number;
  failed: number;
  /** The job stopped early (it threw); its dependents still ran. */
  error: string | null;
}

/** Every warning and per-item failure of a restore, in order, also logged. */
export class RestoreWarnings {
  readonly list: string[] = [];
  constructor(private readonly log: Logger) {}

  warn(message: string): void {
    this.list.push(message);
    this.log.warn(message);
  }

  failed(message: string): void {
    this.list.push(message);
    this.log.error(message);
  }
}

/** What every job's context shares; each job adds its signal, progress and reporting. */
export type SharedRestoreContext = Omit<RestoreContext, "itemFailed" | "warn" | "signal" | "progress">;

/** The selected restorers whose files the backup holds; warns about the others. */
export async function restorersWithData(
  restorers: readonly EntityRestorer[],
  backup: BackupSource,
  warnings: RestoreWarnings,
): Promise<Set<string>> {
  const present = new Set<string>();
  for (const r of restorers) {
    if (!r.files || r.files.length === 0) {
      present.add(r.name);
      continue;
    }
    let any = false;
    for (const f of r.files) if (await backup.hasFile(f)) any = true;
    if (any) present.add(r.name);
    else
      warnings.warn(
        `${r.name}: the backup has no ${r.files.map((f) => backup.fileName(f)).join(" or ")}; nothing to restore`,
      );
  }
  return present;
}

export function restoreJobs(
  restorers: readonly EntityRestorer[],
  present: ReadonlySet<string>,
  shared: SharedRestoreContext,
  references: ReferenceMap,
  warnings: RestoreWarnings,
): JobSpec<RestoreJobOutput>[] {
  const run = (
    name: string,
    signal: AbortSignal,
    progress: RestoreContext["progress"],
    body: (ctx: RestoreContext) => Promise<EntityRestoreResult>,
  ) => runRestorer(name, signal, progress, body, shared, warnings);
  const selected = restorers.filter((r) => present.has(r.name));
  const selectedNames = new Set(selected.map((r) => r.name));
  const jobs: JobSpec<RestoreJobOutput>[] = selected.map((restorer) => ({
    name: restorer.name,
    dependsOn: restorer.dependsOn.filter((d) => selectedNames.has(d)),
    run: (job) => run(restorer.name, job.signal, job.progress, (ctx) => restorer.restore(ctx)),
  }));
  if (jobs.length > 0) {
    jobs.push({
      name: REFERENCES_JOB,
      dependsOn: jobs.map((j) => j.name),
      run: (job) => run(REFERENCES_JOB, job.signal, job.progress, (ctx) => fixReferences(ctx, references)),
    });
  }
  return jobs;
}

/** Runs one job's body; a throw other than cancellation ends the job with its reason, not the run. */
async function runRestorer(
  name: string,
  jobSignal: AbortSignal,
  progress: RestoreContext["progress"],
  body: (ctx: RestoreContext) => Promise<EntityRestoreResult>,
  shared: SharedRestoreContext,
  warnings: RestoreWarnings,
): Promise<RestoreJobOutput> {
  const redact = shared.client.redact;
  const counters = { failed: 0 };
  const ctx: RestoreContext = {
    ...shared,
    itemFailed: (message) => {
      counters.failed++;
      warnings.failed(`${name}: ${redact(message)}`);
    },
    warn: (message) => warnings.warn(`${name}: ${redact(message)}`),
    signal: jobSignal,
    progress,
  };
  try {
    const result = await body(ctx);
    return {
      records: result.records,
      skipped: result.skipped,
      failed: Math.max(result.failed, counters.failed),
      error: null,
    };
  } catch (error) {
    if (jobSignal.aborted || isAbortError(error)) throw error;
    const message = error instanceof PreflightError ? error.message : describeGitHubError(error, redact);
    warnings.failed(`${name}: ${message}`);
    return { records: 0, skipped: 0, failed: counters.failed, error: message };
  }
}
