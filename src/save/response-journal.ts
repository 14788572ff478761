// Page-level resume for `save --resume`. While a save runs, every read
// request a job makes (a REST list page, a GraphQL batch, a cursor page) is
// kept with its answer in DIR/.github-data/responses/answers.journal. A
// resumed save runs the unfinished jobs again from the start, but each
// request already answered is served from this journal instead of the
// network, so the jobs continue from their last answered page and rebuild
// exactly the records an uninterrupted save writes from the same answers.
// Jobs whose files were complete are not run at all (save-state.json).
//
// Why requests rather than per-job cursors: every job (page-number lists,
// cursor lists, GraphQL number batches, lists shared by two jobs, the links
// the issues job hands to sub_issues) then resumes the same way, without any
// job knowing about it, and the output needs no replay logic of its own.
//
// The journal is one append-only file. An answer is appended, synchronously,
// before the job that asked for it sees it: once a job has acted on an
// answer, the answer is in the file (the kernel's page cache survives a
// killed process), in the order the answers came. A killed save so loses
// only the requests in flight. An entry is a line of metadata (with the
// body's length), the body's bytes as received, and a newline; a torn last
// entry (the process died inside the write, or the machine went down) is
// cut off when the journal is opened again, and a body that does not parse
// is asked for again.
//
// Besides answers the journal keeps marks: work done outside the API's
// answers that a resumed save need not repeat (a release asset downloaded
// into the folder), each a key and a short value.
//
// A release asset's API answer, a redirect to file storage, is kept as its
// location (a signed link that expires after a few minutes: a download that
// the link no longer serves asks the API again, past the journal).
//
// What is not journaled: git traffic, error answers, GraphQL answers with
// errors other than NOT_FOUND, and mutations. The journal holds answers
// only, never a request header, so it never holds the token.
import { createHash } from "node:crypto";
import { closeSync, fstatSync, ftruncateSync, mkdirSync, openSync, readSync, writevSync } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import { STATE_DIR } from "../backup/save-state.js";
import type { GitHubOctokit } from "../github/client.js";
import { takeRawBody } from "../github/raw-body.js";
import { MAX_JOURNAL_ENTRY_BYTES, mebibytes } from "../util/limits.js";
import { type Logger, silentLogger } from "../util/logger.js";

/** Journal folder, inside the save state folder (removed with it). */
export const RESPONSES_DIR = "responses";
/** The journal file inside it. */
export const JOURNAL_FILE = "answers.journal";
const ENTRY_VERSION = 3;
/** Longest metadata line read back (kept headers are a few hundred bytes). */
const MAX_META_BYTES = 64 * 1024;
/** Response headers callers read (pagination); nothing else is kept. */
const KEPT_HEADERS = ["link", "content-type", "location"] as const;
const NEWLINE = Buffer.from("\n");

export interface ResponseJournalOptions {
  /** Keep the answers of an earlier run (a resumed save); otherwise start empty. */
  keep: boolean;
  log?: Logger;
  /** Nothing is written (or removed) before this settles: the folder is claimed. A rejection disables the journal. */
  writable?: Promise<unknown>;
}

export interface ResponseJournalStats {
  /** Requests answered from the journal. */
  replayed: number;
  /** Answers added to the journal. */
  recorded: number;
}

export interface ResponseJournal {
  readonly dir: string;
  /** Routes the octokit's requests through the journal. */
  install(octokit: GitHubOctokit): void;
  stats(): ResponseJournalStats;
  /** Keeps a mark (work done that a resumed save need not repeat), on disk before it returns. */
  mark(key: string, value: string): void;
  /** The value of a mark an earlier run of this save kept. */
  marked(key: string): string | undefined;
  /** Writes what was held back until the folder was claimed. */
  flush(): Promise<void>;
  /** Removes the journal (once the manifest is written it is of no use). */
  discard(): Promise<void>;
}

/** The metadata line of an entry: an answer (with its body's length) or a mark. */
interface EntryMeta {
  v: number;
  /** SHA-256 of the request's key (requestKey) or of the mark's key. */
  k: string;
  status?: number;
  url?: string;
  headers?: Record<string, string>;
  /** Bytes of the body that follows the line. */
  n: number;
  /** A mark's value. */
  m?: string;
}

/** Where an answer's body lies in the journal file. */
interface Located {
  status: number;
  url: string;
  headers: Record<string, string>;
  offset: number;
  length: number;
}

interface JournalIndex {
  answers: Map<string, Located>;
  marks: Map<string, string>;
  /** Bytes of whole entries from the start; anything after is a torn entry. */
  validBytes: number;
}

interface ParsedRequest {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  body?: unknown;
  request?: { parseSuccessResponseBody?: boolean; redirect?: string; replay?: boolean };
}

interface Answer {
  status: number;
  url: string;
  headers: Record<string, unknown>;
  data: unknown;
}

export function responsesDir(outDir: string): string {
  return join(outDir, STATE_DIR, RESPONSES_DIR);
}

/** The request's identity: method, absolute URL, accepted media type and body. */
export function requestKey(parsed: ParsedRequest): string {
  const accept = typeof parsed.headers?.accept === "string" ? parsed.headers.accept : "";
  const body =
    parsed.body === undefined
      ? ""
      : typeof parsed.body === "string"
        ? parsed.body
        : JSON.stringify(parsed.body);
  return `${parsed.method.toUpperCase()} ${parsed.url}\n${accept}\n${body}`;
}

function hashOf(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function journalPath(outDir: string): string {
  return join(responsesDir(outDir), JOURNAL_FILE);
}

function isGraphQL(parsed: ParsedRequest): boolean {
  return parsed.method.toUpperCase() === "POST" && /\/graphql(\?|$)/.test(parsed.url);
}

/** Webhook lists: their config may carry credentials (in the URL, or fields GitHub does not mask). */
const NEVER_KEPT = /\/repos\/[^/]+\/[^/]+\/hooks(?:[?/]|$)/;

/** Reads without side effects: GETs, and GraphQL queries (not mutations); never a webhook's config. */
function journalable(parsed: ParsedRequest): boolean {
  if (parsed.request?.parseSuccessResponseBody === false && !isRedirectRead(parsed)) return false;
  const method = parsed.method.toUpperCase();
  if (method === "GET") return !NEVER_KEPT.test(parsed.url);
  if (!isGraphQL(parsed)) return false;
  const body = typeof parsed.body === "string" ? safeParse(parsed.body) : parsed.body;
  const query = (body as { query?: unknown } | undefined)?.query;
  return typeof query === "string" && !/^\s*mutation\b/.test(query);
}

/**
 * A download read through the API without following its redirect (a release
 * asset): its redirect is kept, so a resumed save goes straight to storage.
 */
function isRedirectRead(parsed: ParsedRequest): boolean {
  return parsed.method.toUpperCase() === "GET" && parsed.request?.redirect === "manual";
}

function isRedirect(answer: Answer): boolean {
  return answer.status >= 300 && answer.status < 400 && typeof answer.headers.location === "string";
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A complete answer worth keeping: 200, and for GraphQL no errors but missing nodes. */
function keepable(answer: Answer, redirectRead: boolean): boolean {
  if (redirectRead) return isRedirect(answer);
  if (answer.status !== 200 || answer.data === undefined) return false;
  const errors = (answer.data as { errors?: unknown } | null)?.errors;
  if (errors === undefined) return true;
  return Array.isArray(errors) && errors.every((e) => (e as { type?: unknown } | null)?.type === "NOT_FOUND");
}

function keptHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_HEADERS) {
    const value = headers[name];
    if (typeof value === "string") out[name] = value;
  }
  return out;
}

function isMeta(value: unknown): value is EntryMeta {
  const meta = value as EntryMeta | null;
  if (typeof meta !== "object" || meta === null || meta.v !== ENTRY_VERSION) return false;
  if (typeof meta.k !== "string" || !Number.isSafeInteger(meta.n) || meta.n < 0) return false;
  if (meta.m !== undefined) return typeof meta.m === "string" && meta.n === 0;
  return typeof meta.status === "number" && typeof meta.url === "string" && typeof meta.headers === "object";
}

/**
 * Reads the journal's metadata lines (not the bodies): where each answer
 * lies, the marks, and where the whole entries end. Stops at the first entry
 * that is not whole — a torn end, or bytes that are not an entry.
 */
function indexJournal(fd: number): JournalIndex {
  const index: JournalIndex = { answers: new Map(), marks: new Map(), validBytes: 0 };
  const size = fstatSync(fd).size;
  const buffer = Buffer.alloc(MAX_META_BYTES);
  let position = 0;
  while (position < size) {
    const read = readSync(fd, buffer, 0, Math.min(MAX_META_BYTES, size - position), position);
    const end = buffer.subarray(0, read).indexOf(0x0a);
    if (end < 0) break;
    let meta: unknown;
    try {
      meta = JSON.parse(buffer.subarray(0, end).toString("utf8"));
    } catch {
      break;
    }
    if (!isMeta(meta)) break;
    const offset = position + end + 1;
    const next = offset + meta.n + 1;
    if (next > size) break;
    // The newline after the body: an entry cut short and followed by another is not whole.
    if (readSync(fd, buffer, 0, 1, offset + meta.n) !== 1 || buffer[0] !== 0x0a) break;
    if (meta.m !== undefined) index.marks.set(meta.k, meta.m);
    else
      index.answers.set(meta.k, {
        status: meta.status as number,
        url: meta.url as string,
        headers: meta.headers as Record<string, string>,
        offset,
        length: meta.n,
      });
    position = next;
    index.validBytes = position;
  }
  return index;
}

function readIndex(path: string): JournalIndex | null {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return null;
  }
  try {
    return indexJournal(fd);
  } finally {
    closeSync(fd);
  }
}

/** Answers an unfinished save's journal holds (what a resumed save will not ask for again). */
export function journaledAnswers(outDir: string): number {
  return readIndex(journalPath(outDir))?.answers.size ?? 0;
}

export async function openResponseJournal(
  outDir: string,
  options: ResponseJournalOptions,
): Promise<ResponseJournal> {
  const dir = responsesDir(outDir);
  const path = join(dir, JOURNAL_FILE);
  const log = options.log ?? silentLogger;
  const earlier: JournalIndex = (options.keep ? readIndex(path) : null) ?? {
    answers: new Map(),
    marks: new Map(),
    validBytes: 0,
  };
  const { answers, marks } = earlier;
  const stats: ResponseJournalStats = { replayed: 0, recorded: 0 };
  /** Entries made before the folder was claimed (the repository check's answer). */
  let held: Array<{ parts: Buffer[]; then: ((bodyOffset: number) => void) | undefined }> = [];
  let fd: number | null = null;
  /** The file's length: where the next entry starts. */
  let end = 0;
  let writable = true;
  let reader: Promise<FileHandle | null> | null = null;

  /** Set once the folder is claimed: the journal file may be written. */
  let claimed = false;
  // A new save starts from an empty journal, once the folder is its own.
  const ready = Promise.resolve(options.writable).then(async () => {
    if (!options.keep) await rm(dir, { recursive: true, force: true });
    claimed = true;
    const waiting = held;
    held = [];
    for (const { parts, then } of waiting) append(parts, then);
  });
  ready.catch(() => {
    writable = false; // the folder was never claimed: keep nothing
    held = [];
  });
  if (options.writable === undefined) await ready;

  /** Opens the file for appending on the first entry; a torn last entry of an earlier run is cut off first. */
  function openForAppend(): number {
    mkdirSync(dir, { recursive: true });
    const opened = openSync(path, options.keep ? "a+" : "w");
    if (options.keep && fstatSync(opened).size > earlier.validBytes)
      ftruncateSync(opened, earlier.validBytes);
    end = options.keep ? earlier.validBytes : 0;
    return opened;
  }

  function failed(error: unknown): void {
    if (!writable) return;
    writable = false;
    held = [];
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    log.warn(
      `cannot keep answers for --resume in ${dir} (${code}); an interrupted save will fetch them again`,
    );
  }

  /**
   * Appends one entry in one system call, then calls `then` with where its
   * body starts in the file; before the folder is claimed, holds it.
   */
  function append(parts: Buffer[], then?: (bodyOffset: number) => void): void {
    if (!writable) return;
    if (!claimed) {
      held.push({ parts, then });
      return;
    }
    let total = 0;
    for (const part of parts) total += part.length;
    try {
      fd ??= openForAppend();
      // A short write (a disk filling up) would leave a torn entry that hides every later one.
      if (writevSync(fd, parts) !== total) throw new Error("short write");
    } catch (error) {
      failed(error);
      return;
    }
    const bodyOffset = end + (parts[0]?.length ?? 0);
    end += total;
    then?.(bodyOffset);
  }

  function entry(meta: EntryMeta, body: Buffer | null): Buffer[] {
    const line = Buffer.from(`${JSON.stringify(meta)}\n`, "utf8");
    return body === null ? [line, NEWLINE] : [line, body, NEWLINE];
  }

  async function readBody(at: Located): Promise<unknown> {
    reader ??= open(path, "r").catch(() => null);
    const file = await reader;
    if (file === null) return undefined;
    const bytes = Buffer.allocUnsafe(at.length);
    const { bytesRead } = await file.read(bytes, 0, at.length, at.offset);
    if (bytesRead !== at.length) return undefined;
    return JSON.parse(bytes.toString("utf8"));
  }

  async function lookup(hash: string): Promise<Answer | null> {
    const at = answers.get(hash);
    if (!at) return null;
    try {
      if (at.length > MAX_JOURNAL_ENTRY_BYTES) {
        log.warn(
          `resume journal entry ${hash} refused: it is larger than ${mebibytes(MAX_JOURNAL_ENTRY_BYTES)}; asking GitHub again`,
        );
      } else {
        const data = await readBody(at);
        if (data !== undefined) return { status: at.status, url: at.url, headers: { ...at.headers }, data };
      }
    } catch {
      // A damaged body is simply asked for again.
    }
    answers.delete(hash);
    return null;
  }

  /** Keeps a keepable answer; it is in the file when this returns (or once the folder is claimed). */
  function keep(hash: string, answer: Answer, redirectRead: boolean): void {
    // Taken in every case, so callers holding the answer do not hold its text too.
    const raw = takeRawBody(answer);
    if (!writable || !keepable(answer, redirectRead)) return;
    // A redirect's body is not read (it may be a stream): its headers are the answer.
    const body = redirectRead
      ? Buffer.from("null")
      : raw
        ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength)
        : Buffer.from(JSON.stringify(answer.data), "utf8");
    const meta: EntryMeta = {
      v: ENTRY_VERSION,
      k: hash,
      status: answer.status,
      url: answer.url,
      headers: keptHeaders(answer.headers),
      n: body.length,
    };
    const located = {
      status: answer.status,
      url: answer.url,
      headers: meta.headers ?? {},
      length: body.length,
    };
    // Asked again in this run (the same list read by two jobs), it is answered from the file.
    append(entry(meta, body), (offset) => {
      answers.set(hash, { ...located, offset });
      stats.recorded += 1;
    });
  }

  async function close(): Promise<void> {
    if (fd !== null) closeSync(fd);
    fd = null;
    const file = await reader;
    reader = null;
    await file?.close();
  }

  return {
    dir,
    install(octokit) {
      octokit.hook.wrap("request", async (send, options) => {
        const parsed = octokit.request.endpoint.parse(options) as unknown as ParsedRequest;
        if (!journalable(parsed)) return send(options);
        const hash = hashOf(requestKey(parsed));
        // `replay: false`: the kept answer did not serve (an expired storage link); ask again.
        const replayed = parsed.request?.replay === false ? null : await lookup(hash);
        if (replayed) {
          stats.replayed += 1;
          return replayed as Awaited<ReturnType<typeof send>>;
        }
        const answer = await send(options);
        keep(hash, answer as Answer, isRedirectRead(parsed));
        return answer;
      });
    },
    stats: () => ({ ...stats }),
    mark(key, value) {
      const hash = hashOf(`mark\n${key}`);
      marks.set(hash, value);
      append(entry({ v: ENTRY_VERSION, k: hash, n: 0, m: value }, null));
    },
    marked: (key) => marks.get(hashOf(`mark\n${key}`)),
    async flush() {
      await ready.catch(() => {});
    },
    async discard() {
      writable = false;
      await ready.catch(() => {});
      await close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
