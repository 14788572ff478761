// The history an incremental save keeps (manifest `incremental.history`):
// per save, one gzipped JSON Lines file per record file it changed, each line
// `{"op": "added" | "changed" | "deleted", "record": …}` — the record it
// added, or the previous version of one it changed or deleted. Undoing the
// saves from the newest back gives the state of any earlier save in the
// chain. `verify` checks the chain here; `restore --as-of` rebuilds from it.
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import { writeFileAtomic } from "./atomic.js";
import { readLines } from "./jsonl-lines.js";
import type { HistoryEntry, Manifest } from "./manifest.js";
import type { RecordFileFormat } from "./record-files.js";
import { compareLines, compareSortKeys, type SortKey } from "./sort-key.js";
import type { FileSummary } from "./sorted-jsonl-writer.js";
import { parseUntrustedJson } from "./untrusted-json.js";

export type HistoryOp = "added" | "changed" | "deleted";
const OPS: ReadonlySet<string> = new Set(["added", "changed", "deleted"]);

export interface HistoryRecord {
  op: HistoryOp;
  record: Record<string, unknown>;
}

/** The lines of one history file; throws naming the line when one is not a history record. */
export async function* readHistory(path: string): AsyncGenerator<HistoryRecord> {
  const lines = createInterface({ input: createReadStream(path).pipe(createGunzip()), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n += 1;
    const value = parseUntrustedJson(line) as Partial<HistoryRecord> | null;
    const record = value?.record;
    if (
      typeof value !== "object" ||
      value === null ||
      !OPS.has(value.op as string) ||
      typeof record !== "object" ||
      record === null ||
      Array.isArray(record)
    ) {
      throw new Error(`line ${n} is not a history record ({"op", "record"})`);
    }
    yield value as HistoryRecord;
  }
}

/** The saves of a folder's chain, oldest first: the full save it started from, then each incremental save. */
export function chainStates(manifest: Manifest): string[] {
  const history = manifest.incremental?.history ?? [];
  if (history.length === 0) return [manifest.started_at];
  return [history[0]?.built_on as string, ...history.map((entry) => entry.started_at)];
}

export interface AsOf {
  /** The start of the save whose state is wanted. */
  state: string;
  /** The incremental saves to undo, newest first. */
  undo: HistoryEntry[];
}

/** The latest save of the chain that started at or before `time`; throws when there is none. */
export function planAsOf(manifest: Manifest, time: string): AsOf {
  const wanted = Date.parse(time);
  if (Number.isNaN(wanted))
    throw new Error(`--as-of ${time} is not a time (use ISO 8601, e.g. 2026-01-31T00:00:00Z)`);
  const states = chainStates(manifest);
  const state = states.filter((s) => Date.parse(s) <= wanted).at(-1);
  if (state === undefined) {
    throw new Error(`the backup holds no save as early as ${time}; its earliest is ${states[0]}`);
  }
  const history = manifest.incremental?.history ?? [];
  const undo = history.filter((entry) => Date.parse(entry.started_at) > Date.parse(state)).reverse();
  return { state, undo };
}

/** Problems of the folder's history chain (verify): order, links, listed files, readable lines. */
export async function historyProblems(
  dir: string,
  manifest: Manifest,
): Promise<Array<{ file: string; message: string }>> {
  const incremental = manifest.incremental;
  if (incremental === undefined) return [];
  const problems: Array<{ file: string; message: string }> = [];
  const history = incremental.history;
  const last = history.at(-1);
  if (last === undefined || last.started_at !== manifest.started_at) {
    problems.push({ file: "manifest.json", message: "the history does not end with this save" });
  }
  if (last !== undefined && last.built_on !== incremental.built_on.started_at) {
    problems.push({
      file: "manifest.json",
      message: "this save's history entry names another previous save",
    });
  }
  history.forEach((entry, i) => {
    const before = history[i - 1];
    if (before !== undefined && entry.built_on !== before.started_at) {
      problems.push({
        file: "manifest.json",
        message: `history entry ${i + 1} does not build on entry ${i}`,
      });
    }
    if (Date.parse(entry.built_on) >= Date.parse(entry.started_at)) {
      problems.push({ file: "manifest.json", message: `history entry ${i + 1} builds on a later save` });
    }
  });
  for (const entry of history) {
    for (const rel of Object.values(entry.files)) {
      if (manifest.files[rel] === undefined) {
        problems.push({ file: rel, message: "a history file the manifest does not list" });
        continue;
      }
      try {
        for await (const _ of readHistory(join(dir, rel))) {
          // Each line is checked as it is read.
        }
      } catch (error) {
        problems.push({ file: rel, message: (error as Error).message });
      }
    }
  }
  return problems;
}

/** Writes `outPath`: the records of `currentPath` with the history files' changes undone, newest first. */
export async function undoHistory(
  currentPath: string,
  historyPaths: readonly string[],
  spec: RecordFileFormat,
  outPath: string,
  file: string,
): Promise<FileSummary> {
  const keyOf = (record: unknown) => JSON.stringify(spec.sortKey(record));
  const records = new Map<string, { key: SortKey; line: string }>();
  for await (const raw of readLines(currentPath)) {
    const line = raw.bytes.toString("utf8");
    const record = parseUntrustedJson(line);
    records.set(keyOf(record), { key: spec.sortKey(record), line });
  }
  for (const path of historyPaths) {
    for await (const { op, record } of readHistory(path)) {
      if (op === "added") records.delete(keyOf(record));
      else records.set(keyOf(record), { key: spec.sortKey(record), line: JSON.stringify(record) });
    }
  }
  const sorted = [...records.values()].sort(
    (a, b) => compareSortKeys(a.key, b.key) || compareLines(a.line, b.line),
  );
  const written = await writeFileAtomic(outPath, sorted.map((r) => `${r.line}\n`).join(""));
  return { file, records: sorted.length, bytes: written.bytes, sha256: written.sha256 };
}
