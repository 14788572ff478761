// Offline reconciliation: parent records keep the counts of children GitHub
// reported when they were saved (an issue's `comments`, a pull request's
// `reported_counts.reviews`…); the folder must hold at least that many of
// them. The entity types declare which files pair up (`countedBy`) and which
// arrays a record counts itself (`countedFields`). Counts are tallied while
// verify reads each file once (`observe`), then compared (`problems`). Only
// parents and children that both were saved are compared (a selection or a
// job that did not run leaves nothing to compare).
import type { Manifest } from "./manifest.js";
import type { CountedChildren, CountedField, RecordFile } from "./record-files.js";

export interface CountProblem {
  file: string;
  message: string;
}

type Row = Record<string, unknown>;

/** The value at a dotted path ("reported_counts.reviews"), if it is a number. */
function numberAt(record: Row, path: string): number | undefined {
  let value: unknown = record;
  for (const part of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Row)[part];
  }
  return typeof value === "number" ? value : undefined;
}

interface Pair {
  children: string;
  spec: CountedChildren;
  /** Parent number → GitHub's count. */
  reported: Map<number, number>;
  /** Parent number → children in the folder. */
  saved: Map<number, number>;
}

export class CountTally {
  readonly #pairs: Pair[] = [];
  readonly #byFile = new Map<string, Array<(record: Row) => void>>();
  /** Per file, records whose own arrays fall short. */
  readonly #fieldShort = new Map<string, string[]>();

  constructor(recordFiles: readonly RecordFile[]) {
    for (const file of recordFiles) {
      const specs = file.countedBy === undefined ? [] : [file.countedBy].flat();
      for (const spec of specs) this.#pair(file.file, spec);
      for (const field of file.countedFields ?? []) this.#field(file.file, field);
    }
  }

  /** A record of `file` that matched its schema. */
  observe(file: string, record: unknown): void {
    if (typeof record !== "object" || record === null) return;
    for (const read of this.#byFile.get(file) ?? []) read(record as Row);
  }

  /** Every shortfall, at most `limit` per file (then one line for the rest). */
  problems(manifest: Manifest, limit: number): CountProblem[] {
    const byFile = new Map<string, string[]>(this.#fieldShort);
    for (const { children, spec, reported, saved } of this.#pairs) {
      if (!manifest.files[spec.parents] || !manifest.files[children]) continue;
      const short = [...reported]
        .filter(([n, count]) => (saved.get(n) ?? 0) < count)
        .sort(([a], [b]) => a - b)
        .map(
          ([n, count]) =>
            `${spec.parentName(n)}: GitHub reported ${count} ${spec.noun}, the folder holds ${saved.get(n) ?? 0}`,
        );
      byFile.set(children, [...(byFile.get(children) ?? []), ...short]);
    }
    const problems: CountProblem[] = [];
    for (const [file, messages] of byFile) {
      for (const message of messages.slice(0, limit)) problems.push({ file, message });
      if (messages.length > limit)
        problems.push({ file, message: `${messages.length - limit} more parents short of their count` });
    }
    return problems;
  }

  #on(file: string, read: (record: Row) => void): void {
    this.#byFile.set(file, [...(this.#byFile.get(file) ?? []), read]);
  }

  #pair(children: string, spec: CountedChildren): void {
    const pair: Pair = { children, spec, reported: new Map(), saved: new Map() };
    this.#pairs.push(pair);
    this.#on(spec.parents, (record) => {
      const count = numberAt(record, spec.countField);
      if (typeof record.number === "number" && count !== undefined) pair.reported.set(record.number, count);
    });
    this.#on(children, (record) => {
      const parent = record[spec.parentField];
      if (typeof parent !== "number" || (spec.counts && !spec.counts(record))) return;
      pair.saved.set(parent, (pair.saved.get(parent) ?? 0) + 1);
    });
  }

  #field(file: string, spec: CountedField): void {
    this.#on(file, (record) => {
      const count = numberAt(record, spec.countField);
      const items = record[spec.field];
      if (count === undefined || !Array.isArray(items) || items.length >= count) return;
      const messages = this.#fieldShort.get(file) ?? [];
      messages.push(
        `${spec.recordName(record)}: GitHub reported ${count} ${spec.noun}, the record holds ${items.length}`,
      );
      this.#fieldShort.set(file, messages);
    });
  }
}
