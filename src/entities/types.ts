// How an entity type plugs into save. Each type lives in src/entities/<type>/,
// whose descriptor (index.ts) names its saver; src/entities/index.ts lists them.
import type { FileSummary, SortedJsonlWriter, SortKey } from "../backup/sorted-jsonl-writer.js";
import type { GitHubClient } from "../github/client.js";
import type { RepoRef, RepositoryInfo } from "../github/repository.js";
import type { JobProgress } from "../orchestrator/types.js";
import type { NumberSelection } from "../selection/number-spec.js";
import type { Logger } from "../util/logger.js";
import type { EntityName } from "./names.js";
import type { IncrementalView } from "./shared/incremental-view.js";
import type { SharedSources } from "./shared/sources.js";

export interface SaveSelection {
  entities: ReadonlySet<EntityName>;
  issues: NumberSelection;
  pullRequests: NumberSelection;
}

export interface SaveContext {
  client: GitHubClient;
  repo: RepoRef;
  /**
   * What the preflight check learnt about the repository. Jobs start while the
   * check is in flight; this settles when it has passed and the folder is
   * claimed (or rejects with its error). Jobs may read before, but write to
   * `outDir` only after it (`openWriter`'s files wait for it themselves).
   */
  repository: Promise<RepositoryInfo>;
  /** The backup folder. */
  outDir: string;
  selection: SaveSelection;
  signal: AbortSignal;
  progress(update: JobProgress): void;
  log: Logger;
  /** Lists that several jobs read, fetched once per run. */
  shared: SharedSources;
  /** The record files whose records carry a Markdown body (BODY_FILES in src/entities/index.ts). */
  bodyFiles: readonly BodyFile[];
  /** Set when the save builds on an earlier one (save --incremental). */
  incremental?: IncrementalView<SaveContext>;
  /** A sorted, atomic JSONL writer for one of the backup's files. */
  openWriter<T>(file: string, sortKey: (record: T) => SortKey): SortedJsonlWriter<T>;
  /** Work done outside the API's answers (a downloaded asset), kept for --resume. */
  done?: DoneMarks;
  /**
   * For a saver that `runsAfterFailedDependencies`: its dependencies that did
   * not succeed in this run, with how they ended ("failed", "skipped").
   */
  unmet?: ReadonlyMap<string, string>;
}

/**
 * Marks of work a save did besides reading answers (the response journal
 * keeps those): an earlier, interrupted run of the same save left them, so a
 * resumed save skips what is already in the folder.
 */
/** A record file whose records carry a Markdown `body` (read by the attachments job). */
export interface BodyFile {
  entity: EntityName;
  file: string;
  /** What attachments.jsonl calls its records in `referenced_by`. */
  type: string;
}

export interface DoneMarks {
  /** Keeps a mark; it is on disk when this returns. */
  mark(key: string, value: string): void;
  /** The value an earlier run of this save marked `key` with. */
  marked(key: string): string | undefined;
}

export interface EntitySaveResult {
  records: number;
  files: FileSummary[];
  /**
   * Why the type was not saved (a permission the token lacks; no file is
   * written), or not saved in full (the files hold what could be saved).
   */
  skipped?: string;
}

/** One job of a save: collect → transform → write, for one data type. */
export interface EntitySaver {
  /** The job name, also the --include name. */
  name: EntityName;
  /**
   * True data dependencies only, among the jobs of the same run. A job that
   * merely needs another's numbers reads them from `SaveContext.shared`.
   */
  dependsOn: readonly EntityName[];
  /**
   * The job reads its dependencies' finished files from the folder, not what
   * they hand over in memory: a resumed save does not run a complete
   * dependency again for it (resume-plan.ts).
   */
  readsDependencyFiles?: boolean;
  /** The job reads every saved body (ctx.bodyFiles): it also depends on the types that write them. */
  readsBodies?: boolean;
  /**
   * The job runs once its dependencies have ended, whatever their outcome,
   * and saves what it can without those that did not succeed (`ctx.unmet`).
   */
  runsAfterFailedDependencies?: boolean;
  save(ctx: SaveContext): Promise<EntitySaveResult>;
}
