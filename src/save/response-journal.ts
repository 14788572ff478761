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
// What is not journaled: binary downloads (release assets) and git traffic
// (they are restarted), error answers, GraphQL answers with errors other than
// NOT_FOUND, and mutations. The journal holds answers only, never a request
// header, so it never holds the token.
import { createHash } from "node:crypto";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { constants, gunzip, gzip } from "node:zlib";
import { openAtomicFile } from "../backup/atomic.js";
import { STATE_DIR } from "../backup/save-state.js";
import type { GitHubOctokit } from "../github/client.js";
import { type Logger, silentLogger } from "../util/logger.js";

/** Journal folder, inside the save state folder (removed with it). */
export const RESPONSES_DIR = "responses";
const ENTRY_VERSION = 1;
const ENTRY_SUFFIX = ".json.gz";
const compress = promisify(gzip);
const decompress = promisify(gunzip);
/** Response headers callers read (pagination); nothing else is kept. */
const KEPT_HEADERS = ["link", "content-type"] as const;

export interface ResponseJournalOptions {
  /** Keep the answers of an earlier run (a resumed save); otherwise start empty. */
  keep: boolean;
  log?: Logger;
}

export interface ResponseJournalStats {
  /** Requests answered from the journal. */
  replayed: number;
  /** Answers added to the journal. */
  recorded: number;
}

export interface ResponseJournal {
  readonly dir: string;
  /** Routes the octokit's requests through the journal (install after the preflight checks). */
  install(octokit: GitHubOctokit): void;
  stats(): ResponseJournalStats;
  /** Removes the journal (once the manifest is written it is of no use). */
  discard(): Promise<void>;
}

interface Entry {
  v: number;
  key: string;
  status: number;
  url: string;
  headers: Record<string, string>;
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

/** Reads without side effects: GETs, and GraphQL queries (not mutations). */
function journalable(parsed: ParsedRequest): boolean {
  if (parsed.request?.parseSuccessResponseBody === false) return false;
  const method = parsed.method.toUpperCase();
  if (method === "GET") return true;
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
  } else {
    await rm(dir, { recursive: true, force: true });
  }
  const stats: ResponseJournalStats = { replayed: 0, recorded: 0 };
  let writable = true;

  async function lookup(key: string): Promise<Entry | null> {
    const name = fileFor(key);
    if (!known.has(name)) return null;
    try {
      const entry = JSON.parse((await decompress(await readFile(join(dir, name)))).toString("utf8")) as Entry;
      // A damaged or foreign entry is simply asked for again.
      if (entry.v === ENTRY_VERSION && entry.key === key && typeof entry.status === "number") return entry;
    } catch {
      // unreadable: fall through
    }
    known.delete(name);
    return null;
  }

  async function record(key: string, answer: Answer): Promise<void> {
    if (!writable) return;
    const name = fileFor(key);
    const entry: Entry = {
      v: ENTRY_VERSION,
      key,
      status: answer.status,
      url: answer.url,
      headers: keptHeaders(answer.headers),
      data: answer.data,
    };
    try {
      // Answers are verbose JSON: fast gzip makes the journal about a tenth
      // of their size (off the main thread). Scratch data: a rename without
      // fsync survives a killed process; after a power loss a damaged entry
      // fails its check and is fetched again.
      const data = await compress(JSON.stringify(entry), { level: constants.Z_BEST_SPEED });
      const file = await openAtomicFile(join(dir, name), { durable: false });
      try {
        await file.write(data);
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
        if (keepable(answer as Answer)) await record(key, answer as Answer);
        return answer;
      });
    },
    stats: () => ({ ...stats }),
    discard: () => rm(dir, { recursive: true, force: true }),
  };
}
