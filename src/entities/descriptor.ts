// The one shape of a data type. Each type's folder, src/entities/<type>/,
// exports one descriptor from its index.ts, and src/entities/index.ts lists
// every descriptor once (ENTITIES). Every other list — job names, savers,
// restorers, backup files with their schemas and sort keys, INCLUDE_*
// variables, parents, selection aliases, journal kinds, body endpoints — is
// derived from that list, and test/entities/descriptors.test.ts fails when a
// type lacks a piece.
import type { RecordFileFormat } from "../backup/record-files.js";
import type { EntityRestorer, JournalEntry, ObjectKind } from "../restore/types.js";
import type { EntityName } from "./names.js";
import type { EntitySaver } from "./types.js";

/**
 * Where the restore reads and writes the body of one kind of restored object,
 * so the references pass can rewrite placeholders once the numbers they wait
 * for exist (src/restore/reference-fixup.ts).
 */
export interface BodyEndpoint {
  /** Octokit route that returns the object with its `body`. */
  read: string;
  /** Octokit route that takes `body`. */
  write: string;
  /** The route's parameters from the object's journal entry; null when the entry lacks them. */
  params(entry: JournalEntry): Record<string, number> | null;
}

/** What every data type has, job or option. */
interface DescriptorBase {
  /** The name users select with --include/--exclude; also the job name. */
  name: EntityName;
  /** The environment variable that turns the type on or off, e.g. INCLUDE_LABELS (the Python tool's name). */
  envVar: string;
  /**
   * The type whose records this one belongs to (issue_comments → issues).
   * A child selected without its parent still runs, over the parent's number
   * selection, with a warning: children never silently disappear.
   */
  parent?: EntityName;
  /** Other spellings accepted by --include/--exclude (lower case, "_" for "-"). */
  aliases?: readonly string[];
}

/**
 * How `save --incremental` brings a type's file up to date (docs/incremental.md).
 * A type without one is read again in full: correct, only not cheap.
 * - "by-parent": each record belongs to an issue or pull request (its number
 *   in `parentField`); the saver runs over the changed numbers only, and the
 *   previous records of the unchanged ones are kept.
 * - "own": the saver reads `SaveContext.incremental` itself.
 */
export type IncrementalStrategy =
  | { kind: "by-parent"; family: "issues" | "pull_requests" | "both"; parentField: string }
  | { kind: "own" };

/** A data type with its own save and restore job. */
export interface JobEntityDescriptor extends DescriptorBase {
  kind: "job";
  /**
   * The backup's JSONL files this type writes, each with its JSON Schema and
   * sort key. verify checks exactly these (and reports any other .jsonl), and
   * a save job may open no other file. Empty for a type stored otherwise
   * (git_repo's mirror, which src/backup/git-mirror.ts checks).
   */
  files: readonly RecordFileFormat[];
  /**
   * The save and restore jobs, imported on first use: the facts above serve
   * command-line parsing and verify, which must not load every job's code.
   */
  saver(): Promise<EntitySaver>;
  restorer(): Promise<EntityRestorer>;
  /**
   * The journal kinds this type's restorer creates objects under (every
   * ObjectKind belongs to exactly one type). Another type's restorer may
   * record them too (the issues restorer records issue_comment for comments
   * the Issue Import API created).
   */
  journalKinds: readonly ObjectKind[];
  /** Per journal kind whose objects carry a body: where the references pass reads and rewrites it. */
  bodyEndpoints?: Partial<Record<ObjectKind, BodyEndpoint>>;
  /** How an incremental save learns what changed; absent = read again in full. */
  incremental?: IncrementalStrategy;
  /**
   * The repository's settings or people (features, protection, rules, access,
   * hooks, advisories) rather than content: every other type's restore creates
   * content, counted by GitHub's content-creation limits (CONTENT_JOBS).
   */
  settings?: true;
}

/**
 * A selectable part of another type's job rather than a job of its own:
 * release_assets is an option of releases (download the assets or not).
 * It has a name, a variable and a parent, but no files, saver or restorer.
 */
export interface OptionEntityDescriptor extends DescriptorBase {
  kind: "option";
  parent: EntityName;
}

export type EntityDescriptor = JobEntityDescriptor | OptionEntityDescriptor;
