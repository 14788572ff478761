// The contract between the restore use case (src/restore/) and the per-type
// restorers (src/entities/<type>/restore.ts). Restore is the sink side of the
// same neutral record model save is the source side of (records as in
// docs/format.md), in the spirit of Gitea's migration uploader.
import type { EntityName } from "../entities/names.js";
import type { GitHubClient } from "../github/client.js";
import type { RepoRef } from "../github/repository.js";
import type { JobProgress } from "../orchestrator/types.js";
import type { NumberSelection } from "../selection/number-spec.js";
import type { Logger } from "../util/logger.js";

export type LabelConflictStrategy =
  | "skip"
  | "fail-if-existing"
  | "fail-if-conflict"
  | "overwrite"
  | "delete-all";
export type ImportApiMode = "auto" | "always" | "never";

/**
 * Kinds of objects the journal maps from the backup to the target. Each
 * belongs to one entity type, whose descriptor lists it (`journalKinds`);
 * test/entities/descriptors.test.ts checks that the two agree.
 */
export const OBJECT_KINDS = [
  "label",
  "milestone",
  "issue",
  "issue_comment",
  "sub_issue",
  "branch",
  "pull_request",
  "pr_comment",
  "pr_review",
  "pr_review_comment",
  "release",
  "release_asset",
  /** The "History" comment of one issue or pull request (key = its original number). */
  "issue_history",
  "git_push",
  /** A conversation comment carrying the rest of a text too long for one body (key: kind.originalId.part). */
  "continuation",
  /** An accepted Issue Import API request (newId = the import id), so a rerun polls it instead of importing twice. */
  "issue_import",
  /** An invitation sent to a collaborator (key = login), so a rerun does not invite again. */
  "collaborator",
  /** A webhook created in the target (key = the original hook id). */
  "webhook",
  /** A ruleset created in the target (key = the original ruleset id). */
  "ruleset",
  /** A discussion created in the target (key = the original discussion's id). */
  "discussion",
  /** A discussion comment or reply created in the target (key = the original comment's id). */
  "discussion_comment",
  /** The wiki's branches pushed to the target's wiki (key "wiki-repo"). */
  "wiki_push",
  /** The LFS objects uploaded to the target (key "lfs-objects"). */
  "lfs_push",
] as const;

export type ObjectKind = (typeof OBJECT_KINDS)[number];

/**
 * One confirmed creation (or decision) in the target. `key` identifies the
 * original object: its numeric id as a string for most kinds; labels use the
 * name, sub-issue links "parentNumber/childNumber".
 */
export interface JournalEntry {
  kind: ObjectKind;
  key: string;
  /** The new object's id / number in the target, when it has them. */
  newId?: number;
  newNumber?: number;
  /** What happened: created, updated, adopted (found by marker after a crash), skipped, or restored-as (e.g. a PR restored as an issue). */
  outcome: "created" | "updated" | "adopted" | "skipped" | "restored-as-issue" | "done";
  /** A short note for the report (e.g. why it was skipped). */
  note?: string;
  /** The original number (issues, pull requests, milestones), so `byNumber` can map it. */
  originalNumber?: number;
  /** The NEW number of the issue / pull request the object hangs on (comments, reviews), for later body fix-ups. */
  parentNumber?: number;
  /**
   * Original issue/PR numbers the created body mentions but that had no new
   * number yet (written as a non-linking placeholder); the references pass
   * rewrites them once they do. Absent or empty: nothing pending.
   */
  pendingRefs?: number[];
  /** The object's text goes on in this many continuation comments (kind "continuation"). */
  continued?: number;
  /** Every follow-up step after creation (close, lock, assignees, …) is done; a rerun only finishes unfinished ones. */
  finished?: boolean;
  /** When the entry was written (ISO 8601); set by the journal. */
  at?: string;
}

export interface RestoreJournal {
  /**
   * The merged state of one object: later entries for the same (kind, key)
   * override earlier fields, so `newId`/`newNumber` survive an "updated"/"done" entry.
   */
  get(kind: ObjectKind, key: string): JournalEntry | undefined;
  /** Appends and fsyncs before resolving, so a confirmed object is never created twice. */
  record(entry: JournalEntry): Promise<void>;
  /** Original issue/PR number → new number, for everything restored so far (issues and PRs share one sequence). */
  newNumberOf(originalNumber: number): number | undefined;
  /** The merged entry of `kind` whose `originalNumber` is given (issues, pull requests, milestones). */
  byNumber(kind: ObjectKind, originalNumber: number): JournalEntry | undefined;
  /** Every merged entry (of one kind, when given), in first-recorded order. */
  entries(kind?: ObjectKind): JournalEntry[];
  /** Entries read from disk when the run started (0 = a fresh restore). */
  readonly loaded: number;
}

/** A body ready to send, with the references that still wait for a new number. */
export interface RenderedBody {
  body: string;
  /** Original numbers written as placeholders; store them in the journal entry (`pendingRefs`). */
  pendingRefs: number[];
  /**
   * The rest of a text too long for one body with its attribution, verbatim and
   * in order: each is posted as a conversation comment right after the object
   * (see continuations.ts). Empty for almost every body.
   */
  continuations: Array<{ body: string; pendingRefs: number[] }>;
}

/** Turns a saved body into the body to create (attribution, mentions, references, hidden marker). */
export interface BodyRewriter {
  /** Like `rewrite`, also returning the references left pending (see JournalEntry.pendingRefs). */
  render(
    body: string | null,
    options: {
      kind: ObjectKind;
      originalId: string;
      attribution: string[];
      /** Cut an overlong text with a note instead of continuing it (bodies with nowhere to continue). */
      cutToFit?: boolean;
    },
  ): RenderedBody;
  /** The continuation comments of a text too long for one body (the same parts `render` gives when it splits). */
  continuationsOf(
    body: string | null,
    options: { kind: ObjectKind; originalId: string },
  ): RenderedBody["continuations"];
  /**
   * `marker` is the hidden HTML comment that identifies the original object
   * (`<!-- github-data:kind:id -->`); `attribution` the lines describing the
   * original author and times.
   */
  rewrite(
    body: string | null,
    options: { kind: ObjectKind; originalId: string; attribution: string[] },
  ): string;
  /** The pending references (placeholders of numbers in the backup) of a body as it is in the target — for adopted objects. */
  pendingRefsOf(body: string | null | undefined): number[];
}

/** What a dry run would do, collected instead of written. */
export interface PlannedAction {
  entity: EntityName;
  action: "create" | "update" | "skip" | "delete";
  what: string;
  /** Counts against GitHub's content-creation limits. */
  contentCreating: boolean;
  /**
   * Content-creating requests the action makes, when not 1 (contentCreating) or
   * 0: e.g. 0 for a comment that travels inside its issue's import.
   */
  contentWrites?: number;
}

/** The target repository as GitHub described it (null in a dry run whose target does not exist yet). */
export interface TargetRepository {
  id: number;
  fullName: string;
  /** Web URL, e.g. https://github.com/o/r. */
  htmlUrl: string;
  /** HTTPS clone URL (no credentials). */
  cloneUrl: string;
  defaultBranch: string;
  private: boolean;
}

/** Where the backup came from, as far as it says. */
export interface BackupOrigin {
  owner: string;
  repo: string;
  /** Web URL of the source repository (e.g. https://github.com/o/r), for link rewriting and attribution. */
  webUrl: string;
}

export interface RestoreContext {
  client: GitHubClient;
  target: RepoRef;
  /** null in a dry run whose target would be created. */
  targetRepo: TargetRepository | null;
  /**
   * "existing": the target was there before this run; "created": this run
   * created it (empty but for GitHub's default labels); "missing": dry run only.
   */
  targetState: "existing" | "created" | "missing";
  /**
   * True when objects from an earlier, interrupted run may exist without a
   * journal entry (the target existed before this run): restorers then list
   * the target's objects once and adopt those whose hidden marker they recognise.
   */
  mayHaveRestoredObjects: boolean;
  /** Issue Import API usable for this run (per --import-api and the probe). */
  useImportApi: boolean;
  source: BackupOrigin | null;
  /** "python": a folder of the Python tool, adapted on read. */
  backupFormat: "github-data" | "python";
  /** The backup folder (read-only). */
  backupDir: string;
  selection: { entities: ReadonlySet<EntityName>; issues: NumberSelection; pullRequests: NumberSelection };
  options: {
    labelConflict: LabelConflictStrategy;
    importApi: ImportApiMode;
    dryRun: boolean;
    /** Invite the backup's collaborators to the target (--invite-collaborators; default off). */
    inviteCollaborators?: boolean;
    /** Create the backup's webhooks in the target, inactive (--webhooks; default off). */
    webhooks?: boolean;
    /** Category for discussions whose own the target lacks (--discussion-category); null: General, else the first. */
    discussionCategory?: string | null;
  };
  journal: RestoreJournal;
  bodies: BodyRewriter;
  /** Records of one backup file, in file order (streamed; the Python format is adapted transparently). Missing file → none. */
  readRecords<T>(file: string): AsyncIterable<T>;
  /** Whether the backup holds this file (or its Python-format counterpart). */
  hasFile(file: string): Promise<boolean>;
  /** Dry run: record the action instead of performing it. */
  plan(action: PlannedAction): void;
  /** A per-item problem that does not stop the job (counted; the run exits 1 if any item failed). */
  itemFailed(message: string): void;
  warn(message: string): void;
  signal: AbortSignal;
  progress(update: JobProgress): void;
  log: Logger;
}

export interface EntityRestoreResult {
  /** Objects created, updated or adopted in the target. */
  records: number;
  skipped: number;
  failed: number;
}

export interface EntityRestorer {
  name: EntityName;
  /** Restore order constraints (e.g. issue_comments after issues, pull_requests after git_repo). */
  dependsOn: readonly EntityName[];
  /**
   * Runs once every content job of the restore has ended: a restorer that
   * changes how the target behaves (features, merge settings, protection,
   * rules) must not make it refuse the restore's own writes.
   */
  afterContent?: true;
  /** Backup files (relative names) the restorer reads; when none exists the job is skipped with a warning. */
  files?: readonly string[];
  restore(ctx: RestoreContext): Promise<EntityRestoreResult>;
}
