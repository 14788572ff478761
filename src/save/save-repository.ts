// SaveRepositoryUseCase: the library entry point of a save. It checks the
// inputs before writing anything, turns every selected entity type into one
// orchestrator job, and writes the manifest last.
import { setMaxListeners } from "node:events";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { type Manifest, writeManifest } from "../backup/manifest.js";
import { classifyFolder, readSaveState, type SaveState, updateSaveState } from "../backup/save-state.js";
import { createSortedJsonlWriter, type FileSummary, SCRATCH_DIR } from "../backup/sorted-jsonl-writer.js";
import { saversFor } from "../entities/registry.js";
import { SharedSources } from "../entities/shared/sources.js";
import type { EntitySaveResult, RepoRef, SaveContext, SaveSelection } from "../entities/types.js";
import { createGitHubClient } from "../github/client.js";
import type { RequestStats } from "../github/stats.js";
import { runJobs } from "../orchestrator/run-jobs.js";
import type { JobOutput, JobSpec, JobStatus, OrchestratorEvent } from "../orchestrator/types.js";
import { selectionToString } from "../selection/number-spec.js";
import { type Logger, silentLogger } from "../util/logger.js";
import { TOOL_NAME, TOOL_VERSION } from "../version.js";
import { checkRepository } from "./check-repository.js";
import { explainDiskErrors, writeOrExplain } from "./disk-errors.js";
import { holdFailuresUntil } from "./hold-failures.js";
import { jobClient, jobOf } from "./job-client.js";
import { removeLeftoverTempFiles } from "./leftovers.js";
import { PreflightError } from "./preflight-error.js";
import { openResponseJournal } from "./response-journal.js";
import { skippableJobs } from "./resume-plan.js";
import { checkResumeSource } from "./resume-source.js";
import { SaveFolderLock } from "./save-lock.js";

export interface SaveRepositoryRequest {
  repo: RepoRef;
  outDir: string;
  token: string;
  apiUrl?: string;
  graphqlUrl?: string;
  selection: SaveSelection;
  /** Requests in flight at most (the scheduler's bound). */
  concurrency?: number;
  /** Continue an unfinished save in `outDir`. */
  resume?: boolean;
  signal?: AbortSignal;
  onEvent?: (event: OrchestratorEvent) => void;
  /** Called after every response with the scheduler's counters (for live progress). */
  onStats?: (stats: RequestStats) => void;
  log?: Logger;
  /** Per-job timeout and retries (defaults: none and 1). */
  jobTimeoutMs?: number;
  jobRetries?: number;
  /** Scheduler settings for tests and benchmarks. */
  client?: Partial<Parameters<typeof createGitHubClient>[0]>;
}

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

export interface SaveRepositoryResult {
  results: OperationResult[];
  /** 0 all succeeded, 1 some job failed, 130 interrupted. */
  exitCode: 0 | 1 | 130;
  manifest: Manifest | null;
  requests: RequestStats;
}

interface SaveJobOutput extends JobOutput {
  files: FileSummary[];
}

export class SaveRepositoryUseCase {
  async execute(request: SaveRepositoryRequest): Promise<SaveRepositoryResult> {
    const lock = new SaveFolderLock();
    try {
      return await this.executeLocked(request, lock);
    } finally {
      await lock.release();
    }
  }

  private async executeLocked(
    request: SaveRepositoryRequest,
    lock: SaveFolderLock,
  ): Promise<SaveRepositoryResult> {
    const log = request.log ?? silentLogger;
    const signal = request.signal ?? new AbortController().signal;
    // Every request of every job listens to the run's signal.
    setMaxListeners(0, signal);
    const client = createGitHubClient({
      token: request.token,
      apiUrl: request.apiUrl,
      graphqlUrl: request.graphqlUrl,
      concurrency: request.concurrency,
      log,
      signal,
      readOnly: true,
      ...request.client,
    });
    const startedAt = new Date();

    // The folder is checked first (reading only). The repository check then
    // runs alongside the jobs' first requests; jobs follow their answers at
    // once, but nothing is written, and no job fails, before it has passed and
    // the folder is claimed (the sinks wait for `ready`; see hold-failures.ts).
    const folder = await inspectFolder(request, log);
    const command = `save ${request.repo.owner}/${request.repo.repo}`;
    // A resumed folder is ours already: lock it before any request; a new one once claimed.
    if (folder.resuming) await lock.acquire(request.outDir, command);
    const previous = folder.resuming;
    const preflight = new AbortController();
    const runSignal = AbortSignal.any([signal, preflight.signal]);
    setMaxListeners(0, runSignal);
    const ready = checkRepository(client, request.repo, signal).then(async (repository) => {
      await lock.acquire(request.outDir, command);
      await claimFolder(request, folder, client.apiUrl, log);
      return repository;
    });
    ready.catch((error: unknown) => preflight.abort(error));

    const perJob = new Map<string, number>();
    client.octokit.hook.before("request", (options) => {
      const job = jobOf(options);
      if (job !== undefined) perJob.set(job, (perJob.get(job) ?? 0) + 1);
    });

    const onStats = request.onStats;
    if (onStats) client.octokit.hook.after("request", () => onStats(client.stats()));
    // Installed after the counters, so answers it replays skip them.
    const journal = await openResponseJournal(request.outDir, {
      keep: previous !== null,
      log,
      writable: ready,
    });
    journal.install(client.octokit);
    holdFailuresUntil(client.octokit, ready);

    const savers = saversFor(request.selection.entities);
    const done = skippableJobs(previous, savers);
    // Skipped jobs consume no shared list, so none is buffered for them.
    const running = new Set([...request.selection.entities].filter((name) => !done.has(name)));
    const shared = new SharedSources(request.repo, running, runSignal);
    const jobs: JobSpec<SaveJobOutput>[] = savers.map((saver) => ({
      name: saver.name,
      dependsOn: saver.dependsOn.filter((dep) => request.selection.entities.has(dep)),
      timeoutMs: request.jobTimeoutMs,
      retries: request.jobRetries ?? 1,
      run: async (job) => {
        const previousJob = previous?.jobs[saver.name];
        if (done.has(saver.name) && previousJob?.files) {
          const files = previousJob.files;
          return { records: files[0]?.records ?? 0, files };
        }
        // Marked once the folder is claimed; the job does not wait for it.
        const marked = ready.then(() =>
          updateSaveState(request.outDir, (state) => {
            state.jobs[saver.name] = { status: "running" };
          }),
        );
        marked.catch(() => {}); // awaited below, after the job's own outcome
        const ctx: SaveContext = {
          client: jobClient(client, saver.name),
          repo: request.repo,
          repository: ready,
          outDir: request.outDir,
          selection: request.selection,
          signal: job.signal,
          progress: job.progress,
          log,
          shared,
          // Records are collected at once; the files wait for the claimed folder.
          openWriter: (file, sortKey) =>
            createSortedJsonlWriter({ dir: request.outDir, file, sortKey, writable: ready }),
        };
        const result: EntitySaveResult = await saver.save(ctx);
        await marked;
        await updateSaveState(request.outDir, (state) => {
          state.jobs[saver.name] = { status: "complete", files: result.files };
        });
        return { records: result.records, files: result.files };
      },
    }));

    const run = await runJobs(
      jobs.map((job) => explainDiskErrors(job, request.outDir)),
      { signal: runSignal, onEvent: request.onEvent },
    );
    await journal.flush();
    // A failed check is the answer, whatever the jobs made of it.
    const checked = await ready.then(
      (repository) => ({ repository, error: null }),
      (error: unknown) => ({ repository: null, error }),
    );
    const results: OperationResult[] = run.results.map((r) => ({
      name: r.name,
      status: r.status,
      records: r.records,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
      durationMs: r.durationMs,
      requests: perJob.get(r.name) ?? 0,
      error: r.error,
      resumed: done.has(r.name),
    }));
    const stats = client.stats();
    if (signal.aborted || run.cancelled || checked.repository === null) {
      if (!signal.aborted && checked.error !== null) throw checked.error;
      return { results, exitCode: 130, manifest: null, requests: stats };
    }
    const repository = checked.repository;

    const files: Manifest["files"] = {};
    for (const r of run.results) {
      for (const f of r.output?.files ?? [])
        files[f.file] = { records: f.records, bytes: f.bytes, sha256: f.sha256 };
    }
    const manifest: Manifest = {
      format: "github-data",
      format_version: 1,
      tool: { name: TOOL_NAME, version: TOOL_VERSION },
      source: {
        owner: request.repo.owner,
        repo: request.repo.repo,
        api_url: client.apiUrl,
        full_name: repository.fullName,
        default_branch: repository.defaultBranch,
        private: repository.private,
      },
      started_at: previous?.started_at ?? startedAt.toISOString(),
      finished_at: new Date().toISOString(),
      selection: selectionRecord(request.selection),
      jobs: results.map((r) => ({
        name: r.name,
        status: r.status === "succeeded" ? "succeeded" : r.status === "failed" ? "failed" : "skipped",
        records: r.records,
        started_at: r.startedAt?.toISOString() ?? null,
        finished_at: r.finishedAt?.toISOString() ?? null,
        duration_ms: r.durationMs,
        error: r.error === null ? null : client.redact(r.error),
      })),
      files,
      requests: { total: stats.requests, by_route: stats.byRoute },
    };
    await writeOrExplain(
      join(request.outDir, "manifest.json"),
      "the save is unfinished: fix the folder, then continue it with --resume",
      () => writeManifest(request.outDir, manifest),
    );
    await rm(join(request.outDir, SCRATCH_DIR), { recursive: true, force: true });
    await journal.discard();
    const failed = results.some((r) => r.status !== "succeeded");
    if (!failed) await rm(join(request.outDir, ".github-data"), { recursive: true, force: true });
    return { results, exitCode: failed ? 1 : 0, manifest, requests: stats };
  }
}

function selectionRecord(selection: SaveSelection): Manifest["selection"] {
  return {
    include: [...selection.entities],
    issues: selectionToString(selection.issues),
    pull_requests: selectionToString(selection.pullRequests),
  };
}

interface FolderPlan {
  /** The unfinished save being resumed, if any. */
  resuming: SaveState | null;
}

/** Refuses folders a save must not touch, reading only; finds the unfinished save being resumed. */
async function inspectFolder(request: SaveRepositoryRequest, log: Logger): Promise<FolderPlan> {
  const dir = request.outDir;
  const kind = await classifyFolder(dir);
  switch (kind) {
    case "not-a-directory":
      throw new PreflightError(`output path ${dir} is a file, not a folder; choose a folder with --out`);
    case "foreign":
      throw new PreflightError(
        `output folder ${dir} holds files that are not a github-data backup; choose an empty or new folder`,
      );
    case "finished-backup":
      throw new PreflightError(`output folder ${dir} already holds a finished backup; choose a new folder`);
    case "unfinished-backup": {
      if (!request.resume) {
        throw new PreflightError(
          `output folder ${dir} holds an unfinished save; rerun with --resume to continue it, or choose another folder`,
        );
      }
      const state = await readSaveState(dir);
      if (state === null)
        throw new PreflightError(
          `the unfinished save in ${dir} has no readable state; choose another folder`,
        );
      const wanted = JSON.stringify(selectionRecord(request.selection));
      if (JSON.stringify(state.selection) !== wanted) {
        throw new PreflightError(
          `the unfinished save in ${dir} used another selection (${JSON.stringify(state.selection)}); resume it with the same options`,
        );
      }
      checkResumeSource(dir, state.source, request.repo, request.apiUrl);
      log.info(`resuming the unfinished save in ${dir}`);
      return { resuming: state };
    }
    default:
      return { resuming: null };
  }
}

/** Makes the folder the save's own: clears a resumed save's scratch, or creates the state. */
async function claimFolder(
  request: SaveRepositoryRequest,
  folder: FolderPlan,
  apiUrl: string,
  log: Logger,
): Promise<void> {
  const dir = request.outDir;
  if (folder.resuming) {
    await rm(join(dir, SCRATCH_DIR), { recursive: true, force: true });
    await removeLeftoverTempFiles(dir);
    return;
  }
  try {
    await mkdir(dir, { recursive: true });
    await updateSaveState(dir, (state) => {
      state.source = { owner: request.repo.owner, repo: request.repo.repo, api_url: apiUrl };
      state.selection = selectionRecord(request.selection);
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    log.debug("cannot claim the output folder", { code });
    throw new PreflightError(`cannot write to output folder ${dir}: ${code ?? (error as Error).message}`);
  }
}
