// The restore journal: one JSON line per confirmed object (original → new id
// and number), appended and fsynced the moment GitHub confirms it, so a rerun
// after any interruption knows what already exists. A torn last line (a crash
// mid-write) is ignored and cut off before the next append.

import { constants } from "node:fs";
import { type FileHandle, mkdir, open, rename } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { LockFile } from "../util/lock-file.js";
import type { JournalEntry, ObjectKind, RestoreJournal } from "./types.js";

const KINDS_WITH_NUMBERS: ReadonlySet<ObjectKind> = new Set(["issue", "pull_request", "milestone"]);
/** Keys never copied from a journal line onto an entry (prototype pollution). */
const UNSAFE_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
/** The first line of a journal names the repository it belongs to. */
const HEADER_MARK = "github-data restore journal";

/** Which target repository a journal belongs to: its id, so a recreated repository starts afresh. */
export interface JournalOwner {
  targetId: number;
  /** "owner/repo", for people reading the file. */
  target: string;
}

/** `<stateDir>/restore/<API host>/<target repository id>.jsonl`. */
export function defaultJournalPath(stateDir: string, apiUrl: string, targetId: number): string {
  const host = new URL(apiUrl).host.replace(/[^A-Za-z0-9._-]/g, "_");
  return join(stateDir, "restore", host, `${targetId}.jsonl`);
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
export function parseJournal(text: string): ParsedJournal {
  const entries: JournalEntry[] = [];
  let owner: JournalOwner | null = null;
  let offset = 0;
  let goodBytes = 0;
  while (offset < text.length) {
    const newline = text.indexOf("\n", offset);
    if (newline < 0) return { entries, owner, goodBytes, torn: true };
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
      if (text.indexOf("\n", offset) < 0 && offset >= text.length)
        return { entries, owner, goodBytes, torn: true };
      throw new JournalError(`the restore journal is damaged (a line is not JSON): ${line.slice(0, 80)}`);
    }
    const header = headerOf(parsed);
    if (header && entries.length === 0 && owner === null) {
      owner = header;
      goodBytes = Buffer.byteLength(text.slice(0, offset), "utf8");
      continue;
    }
    if (!isEntry(parsed))
      throw new JournalError(`the restore journal holds a line that is not an entry: ${line.slice(0, 80)}`);
    entries.push(parsed);
    goodBytes = Buffer.byteLength(text.slice(0, offset), "utf8");
  }
  return { entries, owner, goodBytes, torn: false };
}

export interface ParsedJournal {
  entries: JournalEntry[];
  /** From the header line; null for a journal written before headers existed. */
  owner: JournalOwner | null;
  /** Byte length of the intact prefix. */
  goodBytes: number;
  torn: boolean;
}

function headerOf(value: unknown): JournalOwner | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.journal !== HEADER_MARK || typeof v.target_id !== "number") return null;
  return { targetId: v.target_id, target: typeof v.target === "string" ? v.target : "" };
}

function headerLine(owner: JournalOwner): string {
  return `${JSON.stringify({ journal: HEADER_MARK, target_id: owner.targetId, target: owner.target })}\n`;
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
      if (value !== undefined && !UNSAFE_KEYS.has(field))
        (next as unknown as Record<string, unknown>)[field] = value;
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
  private lock: LockFile | null = null;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    initial: JournalEntry[],
  ) {
    super(initial);
  }

  /**
   * Loads (or creates) the journal at `path`, never through a symbolic link.
   * A torn last line is cut off; a new file starts with `owner`'s header.
   * Throws JournalError with advice when the place is not usable.
   */
  static async open(path: string, owner?: JournalOwner): Promise<FileJournal> {
    let handle: FileHandle;
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      handle = await open(
        path,
        constants.O_RDWR | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
        0o600,
      );
    } catch (error) {
      throw openError(path, error, "write");
    }
    try {
      const parsed = await readHandle(path, handle);
      if (parsed.torn) await handle.truncate(parsed.goodBytes);
      if (owner && parsed.goodBytes === 0) await handle.write(headerLine(owner));
      const journal = new FileJournal(path, handle, parsed.entries);
      journal.owner = parsed.owner ?? (parsed.goodBytes === 0 ? (owner ?? null) : null);
      return journal;
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The repository the file says it belongs to (null: an old journal without a header). */
  owner: JournalOwner | null = null;

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

  /** Releases `lock` (the run's hold on this journal) when the journal is closed. */
  holdLock(lock: LockFile): void {
    this.lock = lock;
  }

  async close(): Promise<void> {
    await this.tail;
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
    await this.lock?.release();
  }

  /** Moves the file aside (a journal for a target that no longer exists) and starts empty. */
  static async startOver(path: string): Promise<string> {
    const aside = `${path}.stale-${new Date().toISOString().replace(/[:.]/g, "-")}`;
    await rename(path, aside);
    return aside;
  }
}

function openError(path: string, error: unknown, what: "read" | "write"): JournalError {
  const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  if (code === "ELOOP") return new JournalError(`the restore journal ${path} is a symbolic link; refused`);
  return new JournalError(
    `cannot ${what} the restore journal ${path} (${code}); pass --state PATH to keep it in a writable place`,
  );
}

async function readHandle(path: string, handle: FileHandle): Promise<ParsedJournal> {
  if (!(await handle.stat()).isFile()) throw new JournalError(`the restore journal ${path} is not a file`);
  return parseJournal(await handle.readFile("utf8"));
}

/** Reads a journal file without changing it (never through a symbolic link); a missing file is empty. */
export async function readJournalFile(path: string): Promise<ParsedJournal> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not there (or its folder is not a folder): an empty journal.
    if (code === "ENOENT" || code === "ENOTDIR")
      return { entries: [], owner: null, goodBytes: 0, torn: false };
    throw openError(path, error, "read");
  }
  try {
    return await readHandle(path, handle);
  } finally {
    await handle.close();
  }
}
