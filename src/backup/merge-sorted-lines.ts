// Carrying a previous save's records into a new file: the previous file is
// already in the file's order, so its lines are merged with the new records
// (sorted as usual) in one pass and written with their bytes as they are: no
// re-serialising, no re-sorting, no spilled runs. Each line is checked to sort
// after the one before it; a file out of order is not merged
// (CarriedOutOfOrder), and the writer sorts its records the usual way instead.
// When every previous line is kept and nothing is added, the previous file
// itself is put in place, after its size and SHA-256 are checked again: not
// one line is read.
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, link, lstat, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { fsyncDir, tempPathFor } from "./atomic.js";
import { compareLines, compareSortKeys, type SortKey } from "./sort-key.js";

/** A line of a sorted file, without its "\n", with its sort key. */
export interface SortedLine {
  key: SortKey;
  line: string;
}

/** A record read from a previous save's file, with the line it was read from. */
export interface CarriedLine<T> {
  record: T;
  line: string;
}

export function compareSortedLines(a: SortedLine, b: SortedLine): number {
  return compareSortKeys(a.key, b.key) || compareLines(a.line, b.line);
}

/** The carried lines were not in the file's order: they must be sorted, not merged. */
export class CarriedOutOfOrder extends Error {
  constructor(file: string) {
    super(`${file}: the previous save's lines are not in the file's order`);
    this.name = "CarriedOutOfOrder";
  }
}

/** Characters gathered before a write: one write and one hash update per chunk, not per line. */
export const CHUNK_CHARS = 64 * 1024;

/**
 * Writes, through `write`, the lines of `added` (sorted) and of `carried`
 * (checked to be in order as they come: CarriedOutOfOrder at the first that
 * is not) merged in order, each followed by "\n"; of equal lines, `added`'s
 * first (they are the same bytes). Returns the lines written.
 */
export async function writeMerged<T>(
  file: string,
  added: Iterable<SortedLine> | AsyncIterable<SortedLine>,
  carried: AsyncIterable<CarriedLine<T>>,
  sortKey: (record: T) => SortKey,
  write: (chunk: string) => Promise<void>,
): Promise<number> {
  // An array of added lines (the usual few) is walked without a promise per line.
  const left = Symbol.asyncIterator in added ? added[Symbol.asyncIterator]() : added[Symbol.iterator]();
  let x = await left.next();
  let chunk = "";
  let count = 0;
  let last: SortedLine | null = null;
  try {
    for await (const line of carried) {
      const next = { key: sortKey(line.record), line: line.line };
      if (last !== null && compareSortedLines(last, next) > 0) throw new CarriedOutOfOrder(file);
      last = next;
      while (!x.done && compareSortedLines(x.value, next) <= 0) {
        chunk += `${x.value.line}\n`;
        count += 1;
        x = await left.next();
      }
      chunk += `${next.line}\n`;
      count += 1;
      if (chunk.length >= CHUNK_CHARS) {
        await write(chunk);
        chunk = "";
      }
    }
    while (!x.done) {
      chunk += `${x.value.line}\n`;
      count += 1;
      if (chunk.length >= CHUNK_CHARS) {
        await write(chunk);
        chunk = "";
      }
      x = await left.next();
    }
    if (chunk.length > 0) await write(chunk);
    return count;
  } finally {
    // Close what is still open (a failure: the added lines' spilled runs).
    await left.return?.();
  }
}

/** The carried lines whose records `keep` accepts. */
export async function* keptLines<T>(
  lines: AsyncIterable<CarriedLine<unknown>>,
  keep: (record: T) => boolean,
): AsyncGenerator<CarriedLine<T>> {
  for await (const line of lines) {
    if (keep(line.record as T)) yield line as CarriedLine<T>;
  }
}

/** A previous save's file with the size and SHA-256 its manifest lists. */
export interface WholeFile {
  path: string;
  bytes: number;
  sha256: string;
}

/**
 * Puts `whole` at `dest` (hard-linked, or copied where links fail) when it
 * still has its listed size and SHA-256 and ends with a line end; its lines
 * counted as it is hashed. Null, leaving `dest` alone, when it does not, or
 * when it is not a plain file: a link would put a hostile folder's symlink into
 * the new save, where the record-by-record path writes a file of its own.
 */
export async function placeWholeFile(
  whole: WholeFile,
  dest: string,
): Promise<{ records: number; bytes: number; sha256: string } | null> {
  const temp = tempPathFor(dest);
  try {
    if (!(await lstat(whole.path)).isFile()) return null;
    await link(whole.path, temp).catch(() => copyFile(whole.path, temp));
    const hash = createHash("sha256");
    let bytes = 0;
    let records = 0;
    let last = 0x0a;
    for await (const chunk of createReadStream(temp) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
      for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) records += 1;
      last = chunk[chunk.length - 1] as number;
    }
    const sha256 = hash.digest("hex");
    if (bytes !== whole.bytes || sha256 !== whole.sha256 || last !== 0x0a) {
      await rm(temp, { force: true });
      return null;
    }
    await rename(temp, dest);
    await fsyncDir(dirname(dest));
    return { records, bytes, sha256 };
  } catch (error) {
    await rm(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
