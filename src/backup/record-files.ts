// What verify needs to know about one JSONL file of a backup. The list itself
// is not kept here: each entity type declares its files (src/entities/), and
// whoever runs verify hands the list down, so the format layer never imports
// the entity types.
import type { SchemaRef } from "./schemas.js";
import type { SortKey } from "./sort-key.js";

/** A file a record points to; `path` null when it was not downloaded. */
export interface LinkedFile {
  path: string | null;
  sha256: string | null;
  size: number;
}

/** Files the records of a JSONL file point to, e.g. a release's downloaded assets. */
export interface LinkedFiles<T> {
  /** What verify calls one of them, e.g. "asset". */
  noun: string;
  /** The folder the record's files must lie under (e.g. "release-assets/9"), and the files. */
  of(record: T): { folder: string; files: readonly LinkedFile[] };
}

/**
 * A file whose records are children of another file's records, each parent
 * keeping the count GitHub reported for them: the folder must hold at least
 * that many of a parent's children (e.g. an issue's `comments`).
 */
export interface CountedChildren {
  /** The parent file, relative to the backup folder. */
  parents: string;
  /** The parent record's field holding GitHub's count; a dotted path reaches into an object ("reported_counts.reviews"). */
  countField: string;
  /** The child record's field naming its parent's `number`. */
  parentField: string;
  /** What verify calls the children, e.g. "comments". */
  noun: string;
  /** What verify calls one parent, e.g. "issue #7". */
  parentName(n: number): string;
  /** Only the children this accepts are counted (review threads: comments that are not replies). */
  counts?(child: Record<string, unknown>): boolean;
}

/**
 * An array inside each record (an issue's `labels`, a release's `assets`)
 * checked against a count the same record keeps: the array must hold at
 * least that many.
 */
export interface CountedField {
  /** The record's array, e.g. "labels". */
  field: string;
  /** The record's count, a dotted path, e.g. "reported_counts.labels". */
  countField: string;
  /** What verify calls the items, e.g. "labels". */
  noun: string;
  /** What verify calls the record, e.g. "issue #7". */
  recordName(record: Record<string, unknown>): string;
}

/** One JSONL file as its entity type declares it. */
export interface RecordFileFormat<T = unknown> {
  /** File name relative to the backup folder. */
  file: string;
  /** The JSON Schema every record must match. */
  schema: SchemaRef;
  /** Only called on a record that passed the schema. */
  sortKey(record: T): SortKey;
  /** Files the records point to, checked for presence, size and sha256 (on records that passed the schema). */
  linkedFiles?: LinkedFiles<T>;
  /** Reconciled offline against the count each parent record keeps (one or several counts). */
  countedBy?: CountedChildren | readonly CountedChildren[];
  /** Arrays in each record reconciled offline against counts the record keeps. */
  countedFields?: readonly CountedField[];
}

/** A backup file with the entity (job) that writes it. */
export interface RecordFile extends RecordFileFormat {
  entity: string;
}
