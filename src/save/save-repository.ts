// SaveRepositoryUseCase: the library entry point of a save. It checks the
// folder before any request and the repository before writing anything,
// turns every selected entity type into one orchestrator job, and writes the
// manifest last.
import { setMaxListeners } from "node:events";
import type { Manifest } from "../backup/manifest.js";
import type { SaveSelection } from "../entities/types.js";
import { connectionOptions, createGitHubClient } from "../github/client.js";
import type { RepoRef } from "../github/repository.js";
import type { RequestStats } from "../github/stats.js";
import { runJobs } from "../orchestrator/run-jobs.js";
import type { OrchestratorEvent } from "../orchestrator/types.js";
import { type Logger, silentLogger } from "../util/logger.js";
import { EtagRecorder } from "./conditional-requests.js";
import { explainDiskErrors } from "./disk-errors.js";
import { FinishEstimate } from "./finish-estimate.js";
import { addIncremental, conditionalEntries, incrementalBase } from "./incremental-save.js";
import { inspectFolder } from "./output-folder.js";
import { checkOutcome, startPreflight } from "./preflight.js";
import { installSaveHooks } from "./request-hooks.js";
import { saveJobs } from "./save-jobs.js";
import { SaveFolderLock } from "./save-lock.js";
import { buildManifest, finishFolder } from "./save-manifest.js";
import { type OperationResult, operationResults } from "./save-results.js";

export type { OperationResult } from "./save-results.js";

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
  /** Build on the finished save in `outDir`: fetch what changed (docs/incremental.md). */
  incremental?: boolean;
  /** With `incremental`: compare every issue's and pull request's children and authors too. */
  verifyFull?: boolean;
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

export interface SaveRepositoryResult {
  results: OperationResult[];
  /** 0 all succeeded, 1 some job failed, 130 interrupted. */
  exitCode: 0 | 1 | 130;
  manifest: Manifest | null;
  requests: RequestStats;
}

export class SaveRepositoryUseCase {
  async execute(request: SaveRepositoryRequest): Promise<SaveRepositoryResult> {
    // One run per folder: a resumed folder is locked before any request, a new one once claimed.
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
    const startedAt = new Date().toISOString();
    const log = request.log ?? silentLogger;
    const signal = request.signal ?? new AbortController().signal;
    // Every request of every job listens to the run's signal.
    setMaxListeners(0, signal);
    // Shown while the save waits for an hourly reset (finish-estimate.ts).
    const finish = new FinishEstimate(Date.now());
    const connection = connectionOptions(request, log, signal);
    // A save never writes to GitHub: the client refuses any write.
    const client = createGitHubClient({
      readOnly: true,
      ...connection,
      schedulerOptions: { ...connection.schedulerOptions, estimateFinish: (pause) => finish.at(pause) },
    });
    const folder = await inspectFolder(request, log);
    const command = `save ${request.repo.owner}/${request.repo.repo}`;
    if (folder.resuming) await lock.acquire(request.outDir, command);
    const previous = folder.resuming;
    const { ready, runSignal } = startPreflight(client, request, folder, signal, log, () =>
      lock.acquire(request.outDir, command),
    );
    const hooks = await installSaveHooks(client, {
      outDir: request.outDir,
      resuming: previous !== null,
      ready,
      log,
      ...(request.onStats ? { onStats: request.onStats } : {}),
    });
    const building = await incrementalBase(request, folder, ready);
    const etags = new EtagRecorder();
    etags.install(client);
    const { jobs, resumed, unchanged } = await saveJobs(request, {
      client,
      previous,
      ready,
      signal: runSignal,
      log,
      done: hooks.journal,
      incremental: building?.source ?? null,
      ...(building?.previous.conditional ? { conditional: building.previous.conditional } : {}),
      ...(building ? { previousFiles: building.previous.files } : {}),
    });
    const run = await runJobs(
      jobs.map((job) => explainDiskErrors(job, request.outDir)),
      {
        signal: runSignal,
        onEvent: (event) => {
          finish.observe(event);
          request.onEvent?.(event);
        },
      },
    );
    await hooks.journal.flush();
    const checked = await checkOutcome(ready);
    const results = operationResults(run, hooks.requestsOf, resumed);
    const stats = client.stats();
    if (signal.aborted || run.cancelled || checked.repository === null) {
      if (!signal.aborted && checked.error !== null) throw checked.error;
      return { results, exitCode: 130, manifest: null, requests: stats };
    }
    const saveStart = previous?.started_at ?? startedAt;
    const manifest = buildManifest({
      repo: request.repo,
      selection: request.selection,
      apiUrl: client.apiUrl,
      repository: checked.repository,
      startedAt: saveStart,
      run,
      results,
      stats,
      redact: client.redact,
    });
    // A resumed run's journal answers some requests without them: it records none.
    const conditional = previous ? undefined : conditionalEntries(run, etags, unchanged, building?.previous);
    if (conditional !== undefined) manifest.conditional = conditional;
    if (building) await addIncremental(manifest, building, request.outDir, saveStart);
    // A type skipped for lack of permission is not a failure (the orchestrator saw it succeed).
    const failed = run.results.some((r) => r.status !== "succeeded");
    await finishFolder(request.outDir, manifest, hooks.journal, !failed);
    return { results, exitCode: failed ? 1 : 0, manifest, requests: stats };
  }
}
