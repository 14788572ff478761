// One orchestrator job per selected entity type. A resumed save skips the
// jobs whose files were complete (resume-plan.ts); every other job saves its
// type and records its progress in the save state once the folder is claimed.
import type { Manifest, ManifestConditional } from "../backup/manifest.js";
import { type SaveState, updateSaveState } from "../backup/save-state.js";
import { createSortedJsonlWriter, type FileSummary } from "../backup/sorted-jsonl-writer.js";
import { BODY_FILES, JOB_ENTITIES, RECORD_FILES, saversFor } from "../entities/index.js";
import type { IncrementalSource } from "../entities/shared/incremental.js";
import { SharedSources } from "../entities/shared/sources.js";
import type { DoneMarks, EntitySaver, SaveContext, SaveSelection } from "../entities/types.js";
import type { GitHubClient } from "../github/client.js";
import type { RepoRef, RepositoryInfo } from "../github/repository.js";
import type { JobOutput, JobSpec } from "../orchestrator/types.js";
import type { Logger } from "../util/logger.js";
import { unchangedSince } from "./conditional-requests.js";
import { incrementalContext } from "./incremental-context.js";
import { jobClient } from "./job-client.js";
import { skippableJobs } from "./resume-plan.js";

export interface SaveJobOutput extends JobOutput {
  files: FileSummary[];
  /** The job saved nothing (a permission the token lacks), or not everything, for this reason. */
  skipped?: string;
}

export interface SaveJobsRequest {
  repo: RepoRef;
  outDir: string;
  selection: SaveSelection;
  jobTimeoutMs?: number;
  jobRetries?: number;
}

export interface SaveJobsContext {
  client: GitHubClient;
  /** The unfinished save being resumed, if any. */
  previous: SaveState | null;
  /** The repository check; settles once the folder is claimed. */
  ready: Promise<RepositoryInfo>;
  /** The run's signal (aborted too when the check fails). */
  signal: AbortSignal;
  log: Logger;
  /** Where jobs keep marks of work done for --resume (the response journal). */
  done?: DoneMarks;
  /** The save this one builds on (save --incremental), if any. */
  incremental?: IncrementalSource | null;
  /** That save's ETags per job, for the types an incremental save checks with conditional requests. */
  conditional?: ManifestConditional;
  /** The files of that save, to hand on for a job whose requests all answer 304. */
  previousFiles?: Manifest["files"];
}

export interface SaveJobs {
  jobs: JobSpec<SaveJobOutput>[];
  /** Jobs a resumed save found complete: they return their earlier files without running. */
  resumed: ReadonlySet<string>;
  /** Jobs of an incremental save whose every request answered 304: their previous files stand. */
  unchanged: Set<string>;
}

export async function saveJobs(request: SaveJobsRequest, context: SaveJobsContext): Promise<SaveJobs> {
  const entities = request.selection.entities;
  const savers = await saversFor(entities);
  const resumed = skippableJobs(context.previous, savers);
  // Skipped jobs consume no shared list, so none is buffered for them.
  const running = new Set([...entities].filter((name) => !resumed.has(name)));
  const unchanged = new Set<string>();
  const shared = new SharedSources(request.repo, running, context.signal, context.incremental ?? null);
  const jobs = savers.map(
    (saver): JobSpec<SaveJobOutput> => ({
      name: saver.name,
      ...dependencies(saver, entities),
      timeoutMs: request.jobTimeoutMs,
      retries: request.jobRetries ?? 1,
      run: async (job) => {
        const files = resumed.has(saver.name) ? context.previous?.jobs[saver.name]?.files : undefined;
        if (files) return { records: files[0]?.records ?? 0, files };
        const ctx: SaveContext = {
          client: jobClient(context.client, saver.name),
          repo: request.repo,
          repository: context.ready,
          outDir: request.outDir,
          selection: request.selection,
          signal: job.signal,
          progress: job.progress,
          log: context.log,
          shared,
          bodyFiles: BODY_FILES,
          ...(context.done ? { done: context.done } : {}),
          ...(job.unmet ? { unmet: job.unmet } : {}),
          // Records are collected at once; the files wait for the claimed folder.
          openWriter: (file, sortKey) =>
            createSortedJsonlWriter({
              dir: request.outDir,
              file: declared(saver.name, file),
              sortKey,
              writable: context.ready,
            }),
        };
        const incremental = context.incremental;
        if (!incremental) return runSaver(saver, request, context, ctx);
        const strategy = JOB_ENTITIES.find((entity) => entity.name === saver.name)?.incremental;
        if (strategy === undefined) {
          const kept = await keptByConditionalRequests(saver.name, ctx, context);
          if (kept !== null) {
            unchanged.add(saver.name);
            return kept;
          }
        }
        return runSaver(saver, request, context, await incrementalContext(strategy, ctx, incremental));
      },
    }),
  );
  return { jobs, resumed, unchanged };
}

/** The previous files of a job whose recorded requests all answer 304, marked complete; null otherwise. */
async function keptByConditionalRequests(
  name: string,
  ctx: SaveContext,
  context: SaveJobsContext,
): Promise<SaveJobOutput | null> {
  const entry = context.conditional?.[name];
  const previous = context.previousFiles;
  if (entry === undefined || previous === undefined) return null;
  const files: FileSummary[] = [];
  for (const file of entry.files) {
    const listed = previous[file];
    if (listed === undefined) return null;
    files.push({ file, records: listed.records ?? 0, bytes: listed.bytes, sha256: listed.sha256 });
  }
  if (!(await unchangedSince(ctx.client, entry.etags, ctx.signal))) return null;
  await context.ready;
  await updateSaveState(ctx.outDir, (state) => {
    state.jobs[name] = { status: "complete", files };
  });
  ctx.progress({ message: "unchanged (304)" });
  return { records: files[0]?.records ?? 0, files };
}

/** The saver's selected dependencies: waited for whatever their outcome where it saves what it can without them. */
function dependencies(
  saver: EntitySaver,
  entities: ReadonlySet<string>,
): Pick<JobSpec, "dependsOn" | "after"> {
  const selected = saver.dependsOn.filter((dep) => entities.has(dep));
  return saver.runsAfterFailedDependencies ? { after: selected } : { dependsOn: selected };
}

/** A job writes only the files its descriptor declares, so verify checks every file a save writes. */
function declared(job: string, file: string): string {
  if (!RECORD_FILES.some((spec) => spec.entity === job && spec.file === file)) {
    throw new Error(
      `job ${job} opened ${file}, which its descriptor (src/entities/${job}/index.ts) does not declare`,
    );
  }
  return file;
}

/** Saves one type, marking its job running, then complete, in the save state. */
async function runSaver(
  saver: EntitySaver,
  request: SaveJobsRequest,
  context: SaveJobsContext,
  ctx: SaveContext,
): Promise<SaveJobOutput> {
  // Marked once the folder is claimed; the job does not wait for it.
  const marked = context.ready.then(() =>
    updateSaveState(request.outDir, (state) => {
      state.jobs[saver.name] = { status: "running" };
    }),
  );
  marked.catch(() => {}); // awaited below, after the job's own outcome
  // Counts a failed job would have reported are then known never to come.
  const result = await saver.save(ctx).finally(() => ctx.shared.jobEnded(saver.name));
  await marked;
  // A skipped type stays incomplete in the state, so --resume asks again (the token may have
  // changed, the failed dependency may succeed); the files of a partly saved type are listed.
  if (result.skipped !== undefined)
    return { records: result.records, files: result.files, skipped: result.skipped };
  await updateSaveState(request.outDir, (state) => {
    state.jobs[saver.name] = { status: "complete", files: result.files };
  });
  return { records: result.records, files: result.files };
}
