// Page-level resume for `save --resume`. While a save runs, every read
// request a job makes (a REST list page, a GraphQL batch, a cursor page) is
// kept with its answer in DIR/.github-data/responses/, one file per request,
// written atomically. A resumed save runs the unfinished jobs again from the
// start, but each request already answered is served from this journal
// instead of the network, so the jobs continue from their last answered page
// and rebuild exactly the records an uninterrupted save writes from the same
// answers. Jobs whose files were complete are not run at all (save-state.json).
//
// Why requests rather than per-job cursors: every job (page-number lists,
// cursor lists, GraphQL number batches, lists shared by two jobs, the links
// the issues job hands to sub_issues) then resumes the same way, without any
// job knowing about it, and the output needs no replay logic of its own.
//
// Entries are written in the background (a job never waits for its answer to
// be kept) and hold the answer's body as received, after a line of metadata,
// so no answer is serialised a second time.
//
// What is not journaled: binary downloads (release assets) and git traffic
// (they are restarted), error answers, GraphQL answers with errors other than
// NOT_FOUND, and mutations. The journal holds answers only, never a request
// header, so it never holds the token.
import { createHash } from "node:crypto";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { openAtomicFile } from "../backup/atomic.js";
import { STATE_DIR } from "../backup/save-state.js";
import type { GitHubOctokit } from "../github/client.js";
import { takeRawBody } from "../github/raw-body.js";
import { LimitError, MAX_JOURNAL_ENTRY_BYTES, mebibytes } from "../util/limits.js";
import { type Logger, silentLogger } from "../util/logger.js";

/** Journal folder, inside the save state folder (removed with it). */
export const RESPONSES_DIR = "responses";
const ENTRY_VERSION = 2;
/** File name ending of a journal entry. */
export const ENTRY_SUFFIX = ".entry";
const decompress = promisify(gunzip);
/**
 * Answer text not yet on disk at most, and entries not yet on disk at most;
 * beyond either, an answer is handed over only once older ones are
 * kept. This bounds what a killed save loses (answers in that backlog are
 * fetched again by --resume) to a fraction of a second of answers, and keeps
 * a journal that cannot keep up from holding every answer in memory.
 */
const MAX_PENDING_CHARS = 1024 * 1024;
const MAX_PENDING_ENTRIES = 8;
/** Response headers callers read (pagination); nothing else is kept. */
const KEPT_HEADERS = ["link", "content-type"] as const;

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
  /** Waits for the entries still being written. */
  flush(): Promise<void>;
  /** Removes the journal (once the manifest is written it is of no use). */
  discard(): Promise<void>;
}

/** The first line of an entry; the answer's body follows it as received. */
interface EntryMeta {
  v: number;
  key: string;
  status: number;
  url: string;
  headers: Record<string, string>;
}

interface Entry extends EntryMeta {
  data: unknown;
}

interface ParsedRequest {
  method: string;
  url: string;
  headers?: Record<string, unknown>;
  body?: unknown;
  request?: { parseSuccessResponseBody?: boolean };
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

function fileFor(key: string): string {
  return `${createHash("sha256").update(key).digest("hex")}${ENTRY_SUFFIX}`;
}

function isGraphQL(parsed: ParsedRequest): boolean {
  return parsed.method.toUpperCase() === "POST" && /\/graphql(\?|$)/.test(parsed.url);
}

/** Webhook lists: their config may carry credentials (in the URL, or fields GitHub does not mask). */
const NEVER_KEPT = /\/repos\/[^/]+\/[^/]+\/hooks(?:[?/]|$)/;

/** Reads without side effects: GETs, and GraphQL queries (not mutations); never a webhook's config. */
function journalable(parsed: ParsedRequest): boolean {
  if (parsed.request?.parseSuccessResponseBody === false) return false;
  const method = parsed.method.toUpperCase();
  if (method === "GET") return !NEVER_KEPT.test(parsed.url);
  if (!isGraphQL(parsed)) return false;
  const body = typeof parsed.body === "string" ? safeParse(parsed.body) : parsed.body;
  const query = (body as { query?: unknown } | undefined)?.query;
  return typeof query === "string" && !/^\s*mutation\b/.test(query);
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A complete answer worth keeping: 200, and for GraphQL no errors but missing nodes. */
function keepable(answer: Answer): boolean {
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

/**
 * An entry is its metadata as one JSON line, then the body's bytes as
 * received, never joined with anything (pull-request pages run to megabytes).
 * The body is not compressed: gzip cost a save more CPU than any other step
 * after parsing, for scratch files removed when the save completes. Entries
 * of earlier versions hold a gzipped body (JSON never starts with 0x1f 0x8b).
 */
async function decodeEntry(bytes: Buffer): Promise<Entry | null> {
  const end = bytes.indexOf(0x0a);
  if (end < 0) return null;
  const meta = JSON.parse(bytes.subarray(0, end).toString("utf8")) as EntryMeta;
  const raw = bytes.subarray(end + 1);
  const body = (isGzip(raw) ? await inflate(raw) : raw).toString("utf8");
  return { ...meta, data: JSON.parse(body) };
}

/** An earlier version's gzipped body, refused past the entry limit (a gzip bomb). */
async function inflate(gzipped: Buffer): Promise<Buffer> {
  try {
    return await decompress(gzipped, { maxOutputLength: MAX_JOURNAL_ENTRY_BYTES });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE")
      throw new LimitError(`its answer decompresses to more than ${mebibytes(MAX_JOURNAL_ENTRY_BYTES)}`);
    throw error;
  }
}

function isGzip(bytes: Buffer): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The body's bytes as an entry holds them. */
function encodeBody(text: string): Buffer {
  return Buffer.from(text, "utf8");
}

export async function openResponseJournal(
  outDir: string,
  options: ResponseJournalOptions,
): Promise<ResponseJournal> {
  const dir = responsesDir(outDir);
  const log = options.log ?? silentLogger;
  const known = new Set<string>();
  if (options.keep) {
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) if (name.endsWith(ENTRY_SUFFIX)) known.add(name);
  }
  // A new save starts from an empty journal, once the folder is its own.
  const ready = Promise.resolve(options.writable).then(() =>
    options.keep ? undefined : rm(dir, { recursive: true, force: true }),
  );
  // Until the folder is claimed nothing can be written, so no answer waits
  // for the backlog (the repository check's own answer passes through here).
  let writing = false;
  ready.then(
    () => {
      writing = true;
    },
    () => {}, // awaited by each write, which then keeps nothing
  );
  if (options.writable === undefined) await ready;
  const stats: ResponseJournalStats = { replayed: 0, recorded: 0 };
  const pending = new Set<Promise<void>>();
  let pendingChars = 0;
  /** Callers held back by the backlog, let go together once it is small enough again. */
  let backlogWaiters: Array<() => void> = [];
  let writable = true;

  async function lookup(key: string): Promise<Entry | null> {
    const name = fileFor(key);
    if (!known.has(name)) return null;
    try {
      const path = join(dir, name);
      if ((await stat(path)).size > MAX_JOURNAL_ENTRY_BYTES)
        throw new LimitError(`it is larger than ${mebibytes(MAX_JOURNAL_ENTRY_BYTES)}`);
      const entry = await decodeEntry(await readFile(path));
      // A damaged or foreign entry is simply asked for again.
      if (entry?.v === ENTRY_VERSION && entry.key === key && typeof entry.status === "number") return entry;
    } catch (error) {
      // Unreadable: asked for again; an entry over a limit is said so.
      if (error instanceof LimitError)
        log.warn(`resume journal entry ${name} refused: ${error.message}; asking GitHub again`);
    }
    known.delete(name);
    return null;
  }

  /** Writes one entry; nothing when the folder was never claimed. */
  async function write(key: string, meta: EntryMeta, text: string): Promise<void> {
    let body: Buffer;
    try {
      await ready;
    } catch {
      writable = false; // the folder was never claimed: keep nothing
      return;
    }
    try {
      body = encodeBody(text);
      if (!writable) return;
      // Scratch data: a rename without fsync survives a killed process; after
      // a power loss a damaged entry fails its check and is fetched again.
      const name = fileFor(key);
      const file = await openAtomicFile(join(dir, name), { durable: false });
      try {
        await file.write(Buffer.from(`${JSON.stringify(meta)}\n`, "utf8"));
        await file.write(body);
        await file.commit();
      } catch (error) {
        await file.discard();
        throw error;
      }
      known.add(name);
      stats.recorded += 1;
    } catch (error) {
      // The journal only saves requests on a resume; the save itself goes on.
      if (!writable) return;
      writable = false;
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      log.warn(
        `cannot keep answers for --resume in ${dir} (${code}); an interrupted save will fetch them again`,
      );
    }
  }

  /** Keeps the answer in the background; `flush` and `discard` wait for it. */
  function record(key: string, answer: Answer, text: string): void {
    const meta: EntryMeta = {
      v: ENTRY_VERSION,
      key,
      status: answer.status,
      url: answer.url,
      headers: keptHeaders(answer.headers),
    };
    // The answer's bytes are held until they are on disk; that is what the backlog counts.
    const chars = text.length;
    pendingChars += chars;
    const task = write(key, meta, text).finally(() => {
      pendingChars -= chars;
      pending.delete(task);
      if (!backlogFull() || pending.size === 0) releaseBacklog();
    });
    pending.add(task);
  }

  /**
   * Records a keepable answer and returns once the backlog allows. Not async:
   * a suspended frame would keep the answer's text alive while it waits.
   */
  function keep(key: string, answer: Answer): Promise<void> | undefined {
    // Taken in every case, so callers holding the answer do not hold its text too.
    const text = takeRawBody(answer);
    if (!writable || !keepable(answer)) return undefined;
    record(key, answer, text ?? JSON.stringify(answer.data));
    return writing && backlogFull() ? drainBacklog() : undefined;
  }

  function backlogFull(): boolean {
    return pendingChars > MAX_PENDING_CHARS || pending.size > MAX_PENDING_ENTRIES;
  }

  /**
   * One waiter per held-back caller, released together: racing every pending
   * write per caller costs (callers × writes) reactions per write and ran a
   * `large` save out of memory at 100 requests in flight.
   */
  function drainBacklog(): Promise<void> {
    return new Promise((resolve) => backlogWaiters.push(resolve));
  }

  function releaseBacklog(): void {
    const waiters = backlogWaiters;
    backlogWaiters = [];
    for (const release of waiters) release();
  }

  async function flush(): Promise<void> {
    while (pending.size > 0) await Promise.all(pending);
  }

  return {
    dir,
    install(octokit) {
      octokit.hook.wrap("request", async (send, options) => {
        const parsed = octokit.request.endpoint.parse(options) as unknown as ParsedRequest;
        if (!journalable(parsed)) return send(options);
        const key = requestKey(parsed);
        const entry = await lookup(key);
        if (entry) {
          stats.replayed += 1;
          return {
            status: entry.status,
            url: entry.url,
            headers: { ...entry.headers },
            data: entry.data,
          } as Awaited<ReturnType<typeof send>>;
        }
        const answer = await send(options);
        await keep(key, answer as Answer);
        return answer;
      });
    },
    stats: () => ({ ...stats }),
    flush,
    async discard() {
      writable = false;
      await flush();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
