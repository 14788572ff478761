// What an incremental save changed, found by comparing each record file with
// the previous save's (both sorted by the same key, so one pass over each):
// the counts per type for the manifest, and the history — every record the
// save added, and the previous version of every record it changed or
// deleted — in history/<this save's start>/<file>.gz, from which
// `restore --as-of` rebuilds the earlier state (docs/format.md).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { writeFileAtomic } from "../backup/atomic.js";
import { readLines } from "../backup/jsonl-lines.js";
import type { ChangeCounts, HistoryEntry, Manifest, ManifestFile } from "../backup/manifest.js";
import type { RecordFile } from "../backup/record-files.js";
import { compareSortKeys, type SortKey } from "../backup/sort-key.js";
import { parseUntrustedJson } from "../backup/untrusted-json.js";
import { exists } from "../util/exists.js";

export const HISTORY_DIR = "history";
const COMPARED_AT_ONCE = 4;

/** One line of a history file. */
export interface HistoryLine {
  op: "added" | "changed" | "deleted";
  /** The record as this save wrote it (added), or as the previous save had it (changed, deleted). */
  record: unknown;
}

export interface RecordedChanges {
  changes: Record<string, ChangeCounts>;
  /** Entity file → its history file, relative to the folder. */
  history: Record<string, string>;
  /** The history files for the manifest. */
  files: Record<string, ManifestFile>;
}

/** A folder name for a timestamp that every file system accepts. */
export function historyStamp(startedAt: string): string {
  return startedAt.replaceAll(":", "-");
}

interface KeyedLine {
  bytes: Buffer;
  /** Parsed only for a line that differs from its counterpart: most lines are carried over unchanged. */
  record(): unknown;
  key(): SortKey;
}

async function* keyed(path: string, spec: RecordFile): AsyncGenerator<KeyedLine> {
  if (!(await exists(path))) return;
  for await (const raw of readLines(path, { highWaterMark: 1024 * 1024 })) {
    const bytes = raw.bytes;
    let record: unknown;
    let key: SortKey | undefined;
    const parsed = () => {
      record ??= parseUntrustedJson(bytes.toString("utf8"));
      return record;
    };
    yield {
      bytes,
      record: parsed,
      key: () => {
        key ??= spec.sortKey(parsed());
        return key;
      },
    };
  }
}

/** Compares one file with its previous version; the history lines in file order. */
async function compareFile(
  previousPath: string,
  currentPath: string,
  spec: RecordFile,
): Promise<{ counts: ChangeCounts; lines: HistoryLine[] }> {
  const counts: ChangeCounts = { added: 0, changed: 0, deleted: 0 };
  const lines: HistoryLine[] = [];
  const before = keyed(previousPath, spec);
  const after = keyed(currentPath, spec);
  let a = await before.next();
  let b = await after.next();
  while (!a.done || !b.done) {
    // The same bytes are the same record, so the same key: nothing changed there.
    if (!a.done && !b.done && a.value.bytes.equals(b.value.bytes)) {
      a = await before.next();
      b = await after.next();
      continue;
    }
    const order = a.done ? 1 : b.done ? -1 : compareSortKeys(a.value.key(), b.value.key());
    if (order < 0 && !a.done) {
      counts.deleted += 1;
      lines.push({ op: "deleted", record: a.value.record() });
      a = await before.next();
    } else if (order > 0 && !b.done) {
      counts.added += 1;
      lines.push({ op: "added", record: b.value.record() });
      b = await after.next();
    } else if (!a.done && !b.done) {
      counts.changed += 1;
      lines.push({ op: "changed", record: a.value.record() });
      a = await before.next();
      b = await after.next();
    }
  }
  return { counts, lines };
}

export async function recordChanges(
  outDir: string,
  previousDir: string,
  files: readonly RecordFile[],
  startedAt: string,
  /** Files whose bytes are the previous save's (the same SHA-256): nothing changed in them. */
  same: (file: string) => boolean = () => false,
): Promise<RecordedChanges> {
  const result: RecordedChanges = { changes: {}, history: {}, files: {} };
  const folder = `${HISTORY_DIR}/${historyStamp(startedAt)}`;
  // A few files compared at once, so one's reads overlap another's parsing; the results in order.
  const compared: Array<Promise<{ counts: ChangeCounts; lines: HistoryLine[] }>> = [];
  let next = 0;
  const compareNext = async (): Promise<void> => {
    while (next < files.length) {
      const spec = files[next] as RecordFile;
      const at = next++;
      compared[at] = same(spec.file)
        ? Promise.resolve({ counts: { added: 0, changed: 0, deleted: 0 }, lines: [] })
        : compareFile(join(previousDir, spec.file), join(outDir, spec.file), spec);
      await compared[at].catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: COMPARED_AT_ONCE }, compareNext));
  for (const [i, spec] of files.entries()) {
    const { counts, lines } = await (compared[i] as Promise<{ counts: ChangeCounts; lines: HistoryLine[] }>);
    const total = result.changes[spec.entity] ?? { added: 0, changed: 0, deleted: 0 };
    result.changes[spec.entity] = total;
    total.added += counts.added;
    total.changed += counts.changed;
    total.deleted += counts.deleted;
    if (lines.length === 0) continue;
    const rel = `${folder}/${spec.file}.gz`;
    await mkdir(join(outDir, folder), { recursive: true });
    const body = gzipSync(lines.map((line) => `${JSON.stringify(line)}\n`).join(""));
    const written = await writeFileAtomic(join(outDir, rel), body);
    result.history[spec.file] = rel;
    result.files[rel] = { bytes: written.bytes, sha256: written.sha256 };
  }
  return result;
}

/** The manifest's `incremental` block and the history files it carries on from the previous save. */
export function incrementalManifest(
  previous: Manifest,
  startedAt: string,
  since: string,
  recorded: RecordedChanges,
): { incremental: NonNullable<Manifest["incremental"]>; files: Record<string, ManifestFile> } {
  const files: Record<string, ManifestFile> = {};
  for (const [rel, entry] of Object.entries(previous.files)) {
    if (rel.startsWith(`${HISTORY_DIR}/`)) files[rel] = entry;
  }
  Object.assign(files, recorded.files);
  const history: HistoryEntry[] = [...(previous.incremental?.history ?? [])];
  history.push({ started_at: startedAt, built_on: previous.started_at, files: recorded.history });
  return {
    incremental: {
      built_on: { started_at: previous.started_at, finished_at: previous.finished_at },
      since,
      changes: recorded.changes,
      history,
    },
    files,
  };
}
