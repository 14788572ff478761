// RestoreRepositoryUseCase: the library entry point of a restore. Checks the
// backup and the target before writing anything (PreflightError, exit 2),
// creates the target when asked, then runs one orchestrator job per selected
// entity type plus the references pass. Per-item failures are reported and
// the rest goes on; a job with failed items is "failed" at the end (exit 1),
// but its dependents still run for the objects that exist.
import type { EntityName } from "../entities/names.js";
import type { RepoRef } from "../entities/types.js";
import { createGitHubClient, type GitHubClient, type GitHubClientOptions } from "../github/client.js";
import { describeGitHubError, isAbortError } from "../github/errors.js";
import type { RequestStats } from "../github/stats.js";
import { runJobs } from "../orchestrator/run-jobs.js";
import type { JobOutput, JobSpec, JobStatus, OrchestratorEvent } from "../orchestrator/types.js";
import { PreflightError } from "../save/preflight-error.js";
import { type NumberSelection, selectionNumbers, selectionSize } from "../selection/number-spec.js";
import { type Logger, silentLogger } from "../util/logger.js";
import { type BackupSource, openBackup } from "./backup-source.js";
import { createBodyRewriter } from "./bodies.js";
import { GITHUB_PACING, type PacingLimits, type RestorePlan, summarisePlan } from "./plan.js";
import { createWriteRecovery } from "./recover-write.js";
import { fixReferences, REFERENCES_JOB } from "./reference-fixup.js";
import type { ReferenceMap } from "./references.js";
import { openRestoreState } from "./restore-state.js";
import { createTarget, lookUpTarget, probeImportApi } from "./target.js";
import type {
  EntityRestoreResult,
  EntityRestorer,
  ImportApiMode,
  LabelConflictStrategy,
  PlannedAction,
  RestoreContext,
  TargetRepository,
} from "./types.js";

export interface RestoreSelection {
  entities: ReadonlySet<EntityName>;
  issues: NumberSelection;
  pullRequests: NumberSelection;
}

/** Pacing of content-creating requests (GitHub: 80 per minute, 500 per hour, 1 s apart). */
export interface ContentLimits {
  contentPerMinute?: number;
  contentPerHour?: number;
  /** Length of the "minute" (tests shrink it; the "hour" is 60 of them). */
  windowMs?: number;
  minWriteIntervalMs?: number;
}

export interface RestoreRepositoryRequest {
  backupDir: string;
  target: RepoRef;
  token: string;
  apiUrl?: string;
  graphqlUrl?: string;
  selection: RestoreSelection;
  /** Default "skip". */
  labelConflict?: LabelConflictStrategy;
  /** Create the target when it does not exist (default true). */
  createRepo?: boolean;
  /** Of a created target (default "private"). */
  visibility?: "public" | "private";
  /** Only read; report what would be done. */
  dryRun?: boolean;
  /** Default "auto". */
  importApi?: ImportApiMode;
  /** Journal file (default `<stateDir>/restore/<API host>/<target id>.jsonl`). */
  statePath?: string | null;
  /** Per-user state directory (default $GITHUB_DATA_STATE_DIR, $XDG_STATE_HOME/github-data, ~/.local/state/github-data). */
  stateDir?: string | null;
  /** Requests in flight at most. */
  concurrency?: number;
  contentLimits?: ContentLimits;
  signal?: AbortSignal;
  onEvent?: (event: OrchestratorEvent) => void;
  log?: Logger;
  /** Scheduler/client overrides for tests. */
  client?: Partial<GitHubClientOptions>;
  /** Replaces the registry (tests). */
  restorers?: readonly EntityRestorer[];
}

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

export interface RestoreRepositoryResult {
  results: RestoreOperationResult[];
  /** 0 everything restored, 1 something failed, 130 interrupted. */
  exitCode: 0 | 1 | 130;
  /** Dry runs only. */
  plan?: RestorePlan & { createsRepository: boolean };
  /** Every warning and per-item failure, prefixed with its job. */
  warnings: string[];
  target: TargetRepository | null;
  targetCreated: boolean;
  /** The journal used (null in a dry run). */
  journalPath: string | null;
  requests: RequestStats;
}

interface RestoreJobOutput extends JobOutput {
  skipped: number;
  failed: number;
  /** The job stopped early (it threw); its dependents still ran. */
  error: string | null;
}

/** Files each entity's data lives in (the registry's restorers may say so themselves). */
function describeError(error: unknown, redact: (text: string) => string): string {
  return describeGitHubError(error, redact);
}

/** Issue and PR numbers in the backup; warns about selected numbers it lacks. */
async function scanNumbers(
  backup: BackupSource,
  selection: RestoreSelection,
  warn: (message: string) => void,
): Promise<Set<number>> {
  const known = new Set<number>();
  const issues = new Set<number>();
  const pulls = new Set<number>();
  for await (const r of backup.readRecords<{ number: number }>("issues.jsonl")) {
    known.add(r.number);
    issues.add(r.number);
  }
  for await (const r of backup.readRecords<{ number: number }>("pull_requests.jsonl")) {
    known.add(r.number);
    pulls.add(r.number);
  }
  const check = (label: string, sel: NumberSelection, present: Set<number>, used: boolean) => {
    if (!used || sel.kind !== "some") return;
    if (selectionSize(sel) > 100_000) return;
    const missing: number[] = [];
    for (const n of selectionNumbers(sel)) if (!present.has(n)) missing.push(n);
    if (missing.length === 0) return;
    const shown = missing.slice(0, 20).join(", ");
    const more = missing.length > 20 ? ` and ${missing.length - 20} more` : "";
    warn(
      `${label}: ${missing.length === 1 ? "number" : "numbers"} ${shown}${more} ${missing.length === 1 ? "is" : "are"} not in the backup`,
    );
  };
  const e = selection.entities;
  check(
    "--issues",
    selection.issues,
    issues,
    e.has("issues") || e.has("issue_comments") || e.has("sub_issues"),
  );
  check(
    "--pull-requests",
    selection.pullRequests,
    pulls,
    e.has("pull_requests") || e.has("pr_comments") || e.has("pr_reviews") || e.has("pr_review_comments"),
  );
  return known;
}

export class RestoreRepositoryUseCase {
  async execute(request: RestoreRepositoryRequest): Promise<RestoreRepositoryResult> {
    const log = request.log ?? silentLogger;
    const signal = request.signal ?? new AbortController().signal;
    const dryRun = request.dryRun ?? false;
    const target = request.target;
    const warnings: string[] = [];
    const warn = (message: string) => {
      warnings.push(message);
      log.warn(message);
    };

    const backup = await openBackup(request.backupDir);
    for (const w of backup.warnings) warn(w);

    const limits = request.contentLimits ?? {};
    const pacing: PacingLimits = {
      contentPerMinute: limits.contentPerMinute ?? GITHUB_PACING.contentPerMinute,
      contentPerHour: limits.contentPerHour ?? GITHUB_PACING.contentPerHour,
      minWriteIntervalMs: limits.minWriteIntervalMs ?? GITHUB_PACING.minWriteIntervalMs,
    };
    // Bound below: the recovery hook looks objects up through this same client.
    let boundClient: GitHubClient | undefined;
    const client = createGitHubClient({
      token: request.token,
      apiUrl: request.apiUrl,
      graphqlUrl: request.graphqlUrl,
      concurrency: request.concurrency,
      log,
      signal,
      readOnly: dryRun,
      ...request.client,
      budgets: {
        ...request.client?.budgets,
        ...(limits.contentPerMinute !== undefined ? { contentPerMinute: limits.contentPerMinute } : {}),
        ...(limits.contentPerHour !== undefined ? { contentPerHour: limits.contentPerHour } : {}),
        ...(limits.windowMs !== undefined ? { windowMs: limits.windowMs } : {}),
      },
      schedulerOptions: {
        recoverWrite: createWriteRecovery(() => boundClient!),
        ...request.client?.schedulerOptions,
        ...(limits.minWriteIntervalMs !== undefined ? { minWriteIntervalMs: limits.minWriteIntervalMs } : {}),
      },
    });
    boundClient = client;

    // The target: nothing is written before it is known to be usable.
    let targetRepo = await lookUpTarget(client, target, signal);
    const missing = targetRepo === null;
    if (missing && request.createRepo === false) {
      throw new PreflightError(
        `repository ${target.owner}/${target.repo} does not exist; create it, or drop --no-create-repo (CREATE_REPOSITORY_IF_MISSING=false) to let restore create it`,
      );
    }

    const {
      journal,
      file,
      path: journalPath,
    } = await openRestoreState({
      backupDir: request.backupDir,
      target,
      targetId: targetRepo?.id ?? null,
      apiUrl: client.apiUrl,
      statePath: request.statePath,
      stateDir: request.stateDir,
      dryRun,
      warn,
      ...(missing && !dryRun
        ? {
            createTarget: async () => {
              targetRepo = await createTarget(client, target, request.visibility ?? "private", signal);
              log.info(`created ${request.visibility ?? "private"} repository ${targetRepo.fullName}`);
              return targetRepo;
            },
          }
        : {}),
    });

    const entities = request.selection.entities;
    let useImportApi = false;
    try {
      const importMode = request.importApi ?? "auto";
      if (entities.has("issues") && importMode !== "never") {
        if (targetRepo) useImportApi = await probeImportApi(client, target, signal);
        else useImportApi = importMode === "always";
        if (!useImportApi && importMode === "always") {
          throw new PreflightError(
            `--import-api always: the token may not use the Issue Import API on ${target.owner}/${target.repo} (it needs admin rights there)`,
          );
        }
        if (!useImportApi)
          log.info("the Issue Import API is not available; issues go through the normal endpoints");
      }
    } catch (error) {
      await file?.close();
      throw error;
    }

    const known = await scanNumbers(backup, request.selection, warn);
    const references: ReferenceMap = {
      newNumberOf: (n) => journal.newNumberOf(n),
      isKnown: (n) => known.has(n),
      source: backup.origin,
      targetWebUrl: targetRepo?.htmlUrl || null,
    };
    const bodies = createBodyRewriter({ references });
    const actions: PlannedAction[] = [];

    // The registry is loaded on demand: it pulls in every entity type, and tests inject their own list.
    const registry =
      request.restorers ?? (await import("../entities/restore-registry.js")).restorersFor(entities);
    const restorers = registry.filter((r) => entities.has(r.name));
    const present = new Set<string>();
    for (const r of restorers) {
      if (!r.files || r.files.length === 0) {
        present.add(r.name);
        continue;
      }
      let any = false;
      for (const f of r.files) if (await backup.hasFile(f)) any = true;
      if (any) present.add(r.name);
      else warn(`${r.name}: the backup has no ${r.files.join(" or ")}; nothing to restore`);
    }

    const makeContext = (
      name: string,
      jobSignal: AbortSignal,
      progress: RestoreContext["progress"],
      counters: { failed: number },
    ): RestoreContext => ({
      client,
      target,
      targetRepo,
      targetState: missing ? (dryRun ? "missing" : "created") : "existing",
      mayHaveRestoredObjects: !missing,
      useImportApi,
      source: backup.origin,
      backupFormat: backup.format,
      backupDir: request.backupDir,
      selection: request.selection,
      options: {
        labelConflict: request.labelConflict ?? "skip",
        importApi: request.importApi ?? "auto",
        dryRun,
      },
      journal,
      bodies,
      readRecords: <T>(f: string) => backup.readRecords<T>(f),
      hasFile: (f) => backup.hasFile(f),
      plan: (action) => {
        actions.push(action);
      },
      itemFailed: (message) => {
        counters.failed++;
        warnings.push(`${name}: ${client.redact(message)}`);
        log.error(`${name}: ${client.redact(message)}`);
      },
      warn: (message) => warn(`${name}: ${client.redact(message)}`),
      signal: jobSignal,
      progress,
      log,
    });

    const runRestorer = async (
      name: string,
      jobSignal: AbortSignal,
      progress: RestoreContext["progress"],
      body: (ctx: RestoreContext) => Promise<EntityRestoreResult>,
    ): Promise<RestoreJobOutput> => {
      const counters = { failed: 0 };
      const ctx = makeContext(name, jobSignal, progress, counters);
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
        const message = error instanceof PreflightError ? error.message : describeError(error, client.redact);
        log.error(`${name}: ${message}`);
        warnings.push(`${name}: ${message}`);
        return { records: 0, skipped: 0, failed: counters.failed, error: message };
      }
    };

    const selectedNames = new Set(restorers.filter((r) => present.has(r.name)).map((r) => r.name));
    const jobs: JobSpec<RestoreJobOutput>[] = restorers
      .filter((r) => present.has(r.name))
      .map((restorer) => ({
        name: restorer.name,
        dependsOn: restorer.dependsOn.filter((d) => selectedNames.has(d)),
        run: (job) => runRestorer(restorer.name, job.signal, job.progress, (ctx) => restorer.restore(ctx)),
      }));
    if (jobs.length > 0) {
      jobs.push({
        name: REFERENCES_JOB,
        dependsOn: jobs.map((j) => j.name),
        run: (job) =>
          runRestorer(REFERENCES_JOB, job.signal, job.progress, (ctx) => fixReferences(ctx, references)),
      });
    }

    const run = await runJobs(jobs, { signal, ...(request.onEvent ? { onEvent: request.onEvent } : {}) });
    await file?.close();

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
        error: error === null ? null : client.redact(error),
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

    const cancelled = run.cancelled || signal.aborted;
    const failed = results.some((r) => r.status === "failed" || r.status === "cancelled");
    const result: RestoreRepositoryResult = {
      results,
      exitCode: cancelled ? 130 : failed ? 1 : 0,
      warnings,
      target: targetRepo,
      targetCreated: missing && !dryRun,
      journalPath,
      requests: client.stats(),
    };
    if (dryRun) result.plan = { ...summarisePlan(actions, pacing), createsRepository: missing };
    return result;
  }
}
