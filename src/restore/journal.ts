// The restore journal: one JSON line per confirmed object (original → new id
// and number), appended and fsynced the moment GitHub confirms it, so a rerun
// after any interruption knows what already exists. A torn last line (a crash
// mid-write) is ignored and cut off before the next append.

import type { FileHandle } from "node:fs/promises";
import { mkdir, open, readFile, rename, stat, truncate } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { RepoRef } from "../github/repository.js";
import type { JournalEntry, ObjectKind, RestoreJournal } from "./types.js";

const KINDS_WITH_NUMBERS: ReadonlySet<ObjectKind> = new Set(["issue", "pull_request", "milestone"]);

/** `<backupDir>/.github-data/restore-<owner>-<repo>.jsonl`. */
export function defaultJournalPath(backupDir: string, target: RepoRef): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  return join(backupDir, ".github-data", `restore-${safe(target.owner)}-${safe(target.repo)}.jsonl`);
}

export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JournalError";
  }
}

function isEntry(value: unknown): value is JournalEntry {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.kind === "string" && typeof v.key === "string" && typeof v.outcome === "string";
}

function mapKey(kind: ObjectKind, key: string): string {
  return `${kind}\u0000${key}`;
}

/** Parses journal text; returns the entries and the byte length of the intact prefix. */
export function parseJournal(text: string): { entries: JournalEntry[]; goodBytes: number; torn: boolean } {
  const entries: JournalEntry[] = [];
  let offset = 0;
  let goodBytes = 0;
  while (offset < text.length) {
    const newline = text.indexOf("\n", offset);
    if (newline < 0) return { entries, goodBytes, torn: true };
    const line = text.slice(offset, newline);
    offset = newline + 1;
    if (line.trim() === "") {
      goodBytes = Buffer.byteLength(text.slice(0, offset), "utf8");
      continue;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      // Only the last line can be torn; garbage before it means the file is not ours.
      if (text.indexOf("\n", offset) < 0 && offset >= text.length) return { entries, goodBytes, torn: true };
      throw new JournalError(`the restore journal is damaged (a line is not JSON): ${line.slice(0, 80)}`);
    }
    if (!isEntry(parsed))
      throw new JournalError(`the restore journal holds a line that is not an entry: ${line.slice(0, 80)}`);
    entries.push(parsed);
    goodBytes = Buffer.byteLength(text.slice(0, offset), "utf8");
  }
  return { entries, goodBytes, torn: false };
}

/** The in-memory index every journal keeps; the file journal adds persistence. */
export class MemoryJournal implements RestoreJournal {
  private readonly merged = new Map<string, JournalEntry>();
  private readonly numbers = new Map<string, JournalEntry>();
  private readonly issueNumbers = new Map<number, number>();
  readonly loaded: number;

  constructor(initial: readonly JournalEntry[] = []) {
    for (const entry of initial) this.apply(entry);
    this.loaded = initial.length;
  }

  protected apply(entry: JournalEntry): void {
    const key = mapKey(entry.kind, entry.key);
    const previous = this.merged.get(key);
    const next: JournalEntry = previous
      ? { ...previous }
      : { kind: entry.kind, key: entry.key, outcome: entry.outcome };
    for (const [field, value] of Object.entries(entry)) {
      if (value !== undefined) (next as unknown as Record<string, unknown>)[field] = value;
    }
    // Map.set on an existing key keeps its place: entries stay in first-recorded order.
    this.merged.set(key, next);
    const number = next.originalNumber;
    if (number !== undefined && KINDS_WITH_NUMBERS.has(next.kind)) {
      this.numbers.set(`${next.kind}\u0000${number}`, next);
      if ((next.kind === "issue" || next.kind === "pull_request") && next.newNumber !== undefined) {
        this.issueNumbers.set(number, next.newNumber);
      }
    }
  }

  get(kind: ObjectKind, key: string): JournalEntry | undefined {
    return this.merged.get(mapKey(kind, key));
  }

  async record(entry: JournalEntry): Promise<void> {
    this.apply(entry);
  }

  newNumberOf(originalNumber: number): number | undefined {
    return this.issueNumbers.get(originalNumber);
  }

  byNumber(kind: ObjectKind, originalNumber: number): JournalEntry | undefined {
    return this.numbers.get(`${kind}\u0000${originalNumber}`);
  }

  entries(kind?: ObjectKind): JournalEntry[] {
    const all = [...this.merged.values()];
    return kind === undefined ? all : all.filter((e) => e.kind === kind);
  }
}

/** A journal backed by a JSONL file; appends are serialised and fsynced. */
export class FileJournal extends MemoryJournal {
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    initial: JournalEntry[],
  ) {
    super(initial);
  }

  /**
   * Loads (or creates) the journal at `path`. A torn last line is cut off.
   * Throws JournalError with advice when the place is not writable.
   */
  static async open(path: string): Promise<FileJournal> {
    const { entries, goodBytes, torn } = await readJournalFile(path);
    let handle: FileHandle;
    try {
      await mkdir(dirname(path), { recursive: true });
      if (torn) await truncate(path, goodBytes);
      handle = await open(path, "a");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new JournalError(
        `cannot write the restore journal ${path} (${code}); pass --state PATH to keep it in a writable place`,
      );
    }
    return new FileJournal(path, handle, entries);
  }

  override async record(entry: JournalEntry): Promise<void> {
    const line = `${JSON.stringify({ ...entry, at: entry.at ?? new Date().toISOString() })}\n`;
    const write = this.tail.then(async () => {
      if (this.closed) throw new JournalError("the restore journal is closed");
      await this.handle.write(line);
      await this.handle.datasync();
    });
    // A failed write must not wedge later ones; the caller of this record sees the error.
    this.tail = write.catch(() => {});
    await write;
    this.apply(entry);
  }

  async close(): Promise<void> {
    await this.tail;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }

  /** Moves the file aside (a journal for a target that no longer exists) and starts empty. */
  static async startOver(path: string): Promise<string> {
    const aside = `${path}.stale-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(path, aside);
    return aside;
  }
}

/** Reads a journal file without changing it; a missing file is an empty journal. */
export async function readJournalFile(
  path: string,
): Promise<{ entries: JournalEntry[]; goodBytes: number; torn: boolean }> {
  let text: string;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new JournalError(`the restore journal ${path} is not a file`);
    text = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not there (or its folder is not a folder): an empty journal; opening it for writing reports the real problem.
    if (code === "ENOENT" || code === "ENOTDIR") return { entries: [], goodBytes: 0, torn: false };
    if (error instanceof JournalError) throw error;
    throw new JournalError(`cannot read the restore journal ${path}: ${(error as Error).message}`);
  }
  return parseJournal(text);
}
