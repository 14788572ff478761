// Writes one backup JSONL file sorted by a key, whatever order records arrive
// in, with bounded memory: up to `spillBytes` of serialised lines are held;
// beyond that, sorted runs spill to `<dir>/.tmp/` and are k-way merged into the
// final file on finish. The final file is written under a temporary name,
// fsynced and renamed, so a crash never leaves it half-written.
//
// Serialisation is `JSON.stringify(record)`: keys appear in the order the
// record was built, so mappers must build every record with one fixed key
// order (an object literal per type does this).
import { randomBytes } from "node:crypto";
import { mkdir, rm, rmdir } from "node:fs/promises";
import { basename, join } from "node:path";
import { type AtomicFileWriter, openAtomicFile } from "./atomic.js";
import { readLines } from "./jsonl-lines.js";
import {
  type CarriedLine,
  CarriedOutOfOrder,
  CHUNK_CHARS,
  compareSortedLines,
  placeWholeFile,
  type SortedLine,
  type WholeFile,
  writeMerged,
} from "./merge-sorted-lines.js";
import type { SortKey } from "./sort-key.js";

export type { SortKey } from "./sort-key.js";

/** What a finished file holds; `file` is relative to the backup folder. */
export interface FileSummary {
  file: string;
  records: number;
  bytes: number;
  /** Lower-case hex SHA-256. */
  sha256: string;
}

export interface SortedJsonlWriter<T> {
  readonly file: string;
  /** Resolves once the record is buffered (or its run is on disk). */
  add(record: T): Promise<void>;
  /**
   * Records of a previous save's file, in its order, read (again) when the
   * file is finished: merged with the added records, their lines written as
   * they are. Lines out of order are added as records instead, as add() does.
   * At most one source per writer, given before finish(). `whole`: the file
   * they come from, when every one of its lines is carried; with nothing
   * added, it is the finished file as it is (see placeWholeFile).
   */
  carry(lines: () => AsyncIterable<CarriedLine<T>>, whole?: WholeFile): void;
  /** Merges everything into the final file and returns its summary. */
  finish(): Promise<FileSummary>;
  /** Drops everything written so far; the final file is left untouched. */
  abort(): Promise<void>;
}

export interface SortedJsonlWriterOptions<T> {
  /** The backup folder. */
  dir: string;
  /** File name relative to `dir`, e.g. "issues.jsonl". */
  file: string;
  sortKey: (record: T) => SortKey;
  /** Serialised bytes held in memory before a sorted run spills to disk (default 1 MiB). */
  spillBytes?: number;
  /** Runs merged at once; more runs are merged in several passes (default 64). */
  mergeFanIn?: number;
  /** Nothing touches the disk before this settles (a save's folder is claimed); a rejection fails the writer. */
  writable?: Promise<unknown>;
}

// Small on purpose: a save has ~10 writers open at once, and JavaScript holds
// strings as UTF-16, so this is ~20 MB of live lines in all.
export const DEFAULT_SPILL_BYTES = 1024 * 1024;
const DEFAULT_FAN_IN = 64;
/** Scratch folder inside the backup folder for spilled runs. */
export const SCRATCH_DIR = ".tmp";

/** A record's serialised line (without its "\n") and its key. */
type Entry = SortedLine;
const compareEntries = compareSortedLines;

/** A run file line: the key as JSON, a tab, the record line (JSON never contains a raw tab). */
function runLine(entry: Entry): string {
  return `${JSON.stringify(entry.key)}\t${entry.line}\n`;
}

function finalLine(entry: Entry): string {
  return `${entry.line}\n`;
}

interface LineSink {
  write(data: string): Promise<void>;
}

/**
 * Writes each entry's line in chunks. An array is walked synchronously: a
 * `for await` over it costs a promise per record.
 */
async function writeLines(
  out: LineSink,
  entries: Iterable<Entry> | AsyncIterable<Entry>,
  line: (entry: Entry) => string,
  checkNotAborted: () => void,
): Promise<number> {
  let chunk = "";
  let count = 0;
  if (Symbol.iterator in entries) {
    for (const entry of entries) {
      count += 1;
      chunk += line(entry);
      if (chunk.length >= CHUNK_CHARS) {
        checkNotAborted();
        await out.write(chunk);
        chunk = "";
      }
    }
  } else {
    for await (const entry of entries) {
      count += 1;
      chunk += line(entry);
      if (chunk.length >= CHUNK_CHARS) {
        checkNotAborted();
        await out.write(chunk);
        chunk = "";
      }
    }
  }
  checkNotAborted();
  if (chunk.length > 0) await out.write(chunk);
  return count;
}

function parseRunLine(text: string, path: string): Entry {
  const tab = text.indexOf("\t");
  if (tab < 0) throw new Error(`corrupt sort run ${path}`);
  return { key: JSON.parse(text.slice(0, tab)) as SortKey, line: text.slice(tab + 1) };
}

async function* readRun(path: string): AsyncGenerator<Entry> {
  for await (const raw of readLines(path)) {
    if (!raw.terminated) throw new Error(`truncated sort run ${path}`);
    yield parseRunLine(raw.bytes.toString("utf8"), path);
  }
}

/** Min-heap k-way merge of sorted entry streams. */
async function* mergeSorted(sources: AsyncIterator<Entry>[]): AsyncGenerator<Entry> {
  const heap: Array<{ entry: Entry; source: AsyncIterator<Entry> }> = [];
  const less = (i: number, j: number) => compareEntries(heap[i]!.entry, heap[j]!.entry) < 0;
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!less(i, parent)) return;
      swap(i, parent);
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  try {
    for (const source of sources) {
      const next = await source.next();
      if (!next.done) {
        heap.push({ entry: next.value, source });
        up(heap.length - 1);
      }
    }
    while (heap.length > 0) {
      const top = heap[0]!;
      yield top.entry;
      const next = await top.source.next();
      if (next.done) {
        const last = heap.pop()!;
        if (heap.length > 0) {
          heap[0] = last;
          down(0);
        }
      } else {
        top.entry = next.value;
        down(0);
      }
    }
  } finally {
    // Close readers still open (when the consumer stopped early).
    await Promise.all(sources.map((s) => s.return?.()));
  }
}

export function createSortedJsonlWriter<T>(options: SortedJsonlWriterOptions<T>): SortedJsonlWriter<T> {
  const { dir, file, sortKey } = options;
  const spillBytes = Math.max(1, options.spillBytes ?? DEFAULT_SPILL_BYTES);
  const fanIn = Math.max(2, options.mergeFanIn ?? DEFAULT_FAN_IN);
  const scratch = join(dir, SCRATCH_DIR);
  const runPrefix = `${basename(file)}.${randomBytes(6).toString("hex")}`;

  let state: "open" | "finishing" | "finished" | "aborted" | "failed" = "open";
  let buffer: Entry[] = [];
  let bufferedBytes = 0;
  let runCount = 0;
  let carried: (() => AsyncIterable<CarriedLine<T>>) | null = null;
  let carriedWhole: WholeFile | undefined;
  const runs: string[] = [];
  /** The spill in progress, if any: at most one at a time keeps memory near 2 × spillBytes. */
  let spilling: Promise<void> | null = null;
  /** Finish's work, so abort can wait for it to stop. */
  let finishing: Promise<unknown> | null = null;
  /** A failed spill loses records: finish must fail too, even if nobody awaited that add(). */
  let spillError: unknown;
  let madeScratch = false;

  function checkNotAborted(): void {
    if (state === "aborted") throw new Error(`${file}: writer aborted`);
  }

  async function writeRun(entries: Iterable<Entry> | AsyncIterable<Entry>): Promise<string> {
    await options.writable;
    await mkdir(scratch, { recursive: true });
    madeScratch = true;
    runCount += 1;
    const path = join(scratch, `${runPrefix}.${runCount}.run`);
    // Runs are scratch data: nothing needs them after a crash, so no fsync.
    const out = await openAtomicFile(path, { durable: false });
    try {
      await writeLines(out, entries, runLine, checkNotAborted);
      await out.commit();
    } catch (error) {
      await out.discard();
      throw error;
    }
    return path;
  }

  async function spill(entries: Entry[]): Promise<void> {
    entries.sort(compareEntries);
    const path = await writeRun(entries);
    runs.push(path);
  }

  async function removeRuns(paths: readonly string[]): Promise<void> {
    await Promise.all(paths.map((p) => rm(p, { force: true })));
  }

  async function removeScratchIfEmpty(): Promise<void> {
    // Other writers may share the folder; leave it when it is not empty. A
    // writer that never spilled leaves it alone (the folder may not be ours).
    if (!madeScratch) return;
    await rmdir(scratch).catch(() => undefined);
  }

  async function mergeDownTo(limit: number): Promise<void> {
    while (runs.length > limit) {
      // The group stays listed until merged, so a failure still cleans it up.
      const group = runs.slice(0, fanIn);
      const merged = await writeRun(mergeSorted(group.map((p) => readRun(p))));
      runs.splice(0, group.length);
      runs.push(merged);
      await removeRuns(group);
    }
  }

  /** Serialises and buffers a record; true when the buffer should spill. */
  function buffered(record: T): boolean {
    const line = JSON.stringify(record);
    if (typeof line !== "string") throw new TypeError(`${file}: record is not serialisable as JSON`);
    buffer.push({ key: sortKey(record), line });
    bufferedBytes += Buffer.byteLength(line) + 1;
    return bufferedBytes >= spillBytes;
  }

  async function spillBuffer(): Promise<void> {
    const entries = buffer;
    buffer = [];
    bufferedBytes = 0;
    await spill(entries);
  }

  /** Everything added so far, sorted. */
  async function sorted(): Promise<AsyncIterable<Entry> | Iterable<Entry>> {
    if (runs.length === 0) {
      buffer.sort(compareEntries);
      return buffer;
    }
    if (buffer.length > 0) await spillBuffer();
    await mergeDownTo(fanIn);
    return mergeSorted(runs.map((p) => readRun(p)));
  }

  /** Writes the final file with `produce`, which returns the lines it wrote. */
  async function writeFinal(produce: (out: AtomicFileWriter) => Promise<number>): Promise<FileSummary> {
    await options.writable;
    const out = await openAtomicFile(join(dir, file));
    try {
      const records = await produce(out);
      checkNotAborted();
      const written = await out.commit();
      return { file, records, bytes: written.bytes, sha256: written.sha256 };
    } catch (error) {
      await out.discard();
      throw error;
    }
  }

  async function doFinish(): Promise<FileSummary> {
    while (spilling) await spilling;
    checkNotAborted();
    if (spillError !== undefined) throw spillError;
    if (carried !== null) {
      if (carriedWhole !== undefined && runs.length === 0 && buffer.length === 0) {
        await options.writable;
        checkNotAborted();
        const placed = await placeWholeFile(carriedWhole, join(dir, file));
        if (placed !== null) return { file, ...placed };
      }
      try {
        const added = await sorted();
        const lines = carried;
        return await writeFinal((out) =>
          writeMerged(file, added, lines(), sortKey, async (chunk) => {
            checkNotAborted();
            await out.write(chunk);
          }),
        );
      } catch (error) {
        if (!(error instanceof CarriedOutOfOrder)) throw error;
      }
      // Out of order: the carried records are sorted with the others, as added ones are.
      for await (const line of carried()) {
        checkNotAborted();
        if (buffered(line.record)) await spillBuffer();
      }
    }
    const source = await sorted();
    return writeFinal((out) => writeLines(out, source, finalLine, checkNotAborted));
  }

  return {
    file,
    async add(record) {
      if (state !== "open") throw new Error(`${file}: add() after the writer was ${state}`);
      if (!buffered(record)) return;
      // Wait for an earlier spill; a concurrent add may have taken our buffer meanwhile.
      while (spilling) await spilling;
      if (bufferedBytes < spillBytes || state !== "open") return;
      const entries = buffer;
      buffer = [];
      bufferedBytes = 0;
      const current = spill(entries);
      spilling = current.then(
        () => undefined,
        () => undefined,
      );
      try {
        await current;
      } catch (error) {
        spillError ??= error;
        if (state === "open") state = "failed";
        throw error;
      } finally {
        spilling = null;
      }
    },
    carry(lines, whole) {
      if (state !== "open") throw new Error(`${file}: carry() after the writer was ${state}`);
      if (carried !== null) throw new Error(`${file}: carry() called twice`);
      carried = lines;
      carriedWhole = whole;
    },
    async finish() {
      if (state !== "open") throw new Error(`${file}: finish() after the writer was ${state}`);
      state = "finishing";
      const work = doFinish();
      finishing = work.catch(() => undefined);
      try {
        const summary = await work;
        state = "finished";
        buffer = [];
        return summary;
      } catch (error) {
        if (state === "finishing") state = "failed";
        throw error;
      } finally {
        await removeRuns(runs.splice(0));
        await removeScratchIfEmpty();
      }
    },
    async abort() {
      if (state === "finished" || state === "aborted") return;
      state = "aborted";
      buffer = [];
      bufferedBytes = 0;
      while (spilling) await spilling;
      if (finishing) await finishing;
      await removeRuns(runs.splice(0));
      await removeScratchIfEmpty();
    },
  };
}
