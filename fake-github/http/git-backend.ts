// Git smart HTTP for repositories with a bare repo: `git http-backend` run as a
// CGI, bodies streamed both ways (gzip request bodies are handed to git as is).
// Every request needs a valid token (Basic with the token as password, or a
// token/Bearer header such as http.extraHeader sends); pushes need write access.
// After a push the repository's branch map is refreshed from the bare repo.
// `answerAt` holds the answer back (the simulated latency) while git already
// works on the request: its output is not read until then, and afterwards only
// as fast as the client takes it.
import { execFile, spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, dirname } from "node:path";
import type { Readable } from "node:stream";
import { promisify } from "node:util";
import type { FakeRepo, FakeStore } from "../store/types.js";
import { authenticate, canReadRepo, canWriteRepo } from "./auth.js";

const execFileAsync = promisify(execFile);

export interface GitTarget {
  owner: string;
  name: string;
  /** The part after the repository, e.g. "/info/refs" or "/git-upload-pack". */
  rest: string;
}

const gitPathPattern =
  /^\/([^/]+)\/([^/]+?)(?:\.git)?(\/(?:info\/refs|git-upload-pack|git-receive-pack|HEAD|objects\/.+))$/;

export function parseGitPath(path: string): GitTarget | null {
  const match = gitPathPattern.exec(path);
  if (!match) return null;
  try {
    return {
      owner: decodeURIComponent(match[1] ?? ""),
      name: decodeURIComponent(match[2] ?? ""),
      rest: match[3] ?? "",
    };
  } catch {
    return null;
  }
}

/** Route-template-like label for stats. */
export function gitTemplate(target: GitTarget): string {
  const rest = target.rest.startsWith("/objects/") ? "/objects/*" : target.rest;
  return `/{owner}/{repo}.git${rest}`;
}

function isPush(target: GitTarget, query: URLSearchParams): boolean {
  return target.rest === "/git-receive-pack" || query.get("service") === "git-receive-pack";
}

function plain(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): number {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(`${text}\n`);
  return status;
}

/**
 * Answers one git request, not before `answerAt` resolves. Resolves with the
 * HTTP status once the response is complete (0 if the connection broke).
 */
export async function serveGit(
  store: FakeStore,
  req: IncomingMessage,
  res: ServerResponse,
  target: GitTarget,
  query: URLSearchParams,
  answerAt: Promise<void> = Promise.resolve(),
): Promise<number> {
  const auth = authenticate(store, req.headers.authorization);
  const challenge = { "www-authenticate": 'Basic realm="GitHub"' };
  if (auth.kind !== "user") {
    req.resume();
    await answerAt;
    return plain(
      res,
      401,
      auth.kind === "invalid" ? "Invalid username or token." : "Authentication required.",
      challenge,
    );
  }
  const { repo, gitDir, wiki } = locateGitRepo(store, target);
  if (!repo || !gitDir || !canReadRepo(auth.grant, repo)) {
    req.resume();
    await answerAt;
    return plain(res, 404, "Repository not found.");
  }
  const push = isPush(target, query);
  if (push && !canWriteRepo(auth.grant, repo)) {
    req.resume();
    await answerAt;
    return plain(res, 403, `Permission to ${repo.ownerLogin}/${repo.name}.git denied to ${auth.user.login}.`);
  }
  const status = await runBackend(req, res, gitDir, target, query, auth.user.login, answerAt);
  if (push && !wiki && target.rest === "/git-receive-pack" && status === 200) {
    // Answer only once the store shows the pushed branches (a restore creates PRs right after).
    await refreshBranches(store, repo).catch(() => undefined);
  }
  if (!res.writableEnded) res.end();
  return status;
}

/**
 * The repository a git path names: `OWNER/REPO.git`, or its wiki
 * `OWNER/REPO.wiki.git`, which has no git directory until it was created.
 */
function locateGitRepo(
  store: FakeStore,
  target: GitTarget,
): { repo: FakeRepo | undefined; gitDir: string | null | undefined; wiki: boolean } {
  const repo = store.repos.get(`${target.owner}/${target.name}`.toLowerCase());
  if (repo || !target.name.toLowerCase().endsWith(".wiki"))
    return { repo, gitDir: repo?.gitDir, wiki: false };
  const main = store.repos.get(`${target.owner}/${target.name.slice(0, -".wiki".length)}`.toLowerCase());
  return { repo: main, gitDir: main?.wikiGitDir, wiki: true };
}

function runBackend(
  req: IncomingMessage,
  res: ServerResponse,
  gitDir: string,
  target: GitTarget,
  query: URLSearchParams,
  login: string,
  answerAt: Promise<void>,
): Promise<number> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_PROJECT_ROOT: dirname(gitDir),
    GIT_HTTP_EXPORT_ALL: "1",
    PATH_INFO: `/${basename(gitDir)}${target.rest}`,
    QUERY_STRING: query.toString(),
    REQUEST_METHOD: req.method ?? "GET",
    CONTENT_TYPE: req.headers["content-type"] ?? "",
    REMOTE_USER: login,
    REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
  };
  const length = req.headers["content-length"];
  if (length !== undefined) env.CONTENT_LENGTH = length;
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined) env.HTTP_CONTENT_ENCODING = encoding;
  const protocol = req.headers["git-protocol"];
  if (typeof protocol === "string") env.HTTP_GIT_PROTOCOL = protocol;

  return new Promise((resolve) => {
    const child = spawn("git", ["http-backend"], { env, stdio: ["pipe", "pipe", "ignore"] });
    req.pipe(child.stdin);
    child.stdin.on("error", () => {}); // git may stop reading early (e.g. on a bad request)
    // Read from the start (Node discards the output of an exited child nobody
    // listens to), but nothing is sent before answerAt: git works meanwhile,
    // and its output waits in the stream and the pipe.
    const relayed = relayCgiOutput(child.stdout, res, answerAt).catch(() => null);
    let settled = false;
    const finish = (failed: boolean) => {
      if (settled) return;
      settled = true;
      void relayed.then((status) => {
        if (status !== null) resolve(status);
        else if (res.headersSent) resolve(0);
        else resolve(plain(res, 500, failed ? "git http-backend failed" : "git http-backend gave no answer"));
      });
    };
    child.on("error", () => finish(true));
    child.on("close", () => finish(false));
  });
}

/**
 * Relays a CGI program's output as the HTTP answer, not before `answerAt`:
 * its head (Status and headers), then the body, pulled only as fast as the
 * client takes it.
 * Resolves with the status sent, or null when the output ended before a
 * complete head.
 */
export async function relayCgiOutput(
  output: Readable,
  res: ServerResponse,
  answerAt: Promise<void> = Promise.resolve(),
): Promise<number | null> {
  let head: Buffer | null = Buffer.alloc(0);
  let status: number | null = null;
  for await (const chunk of output as AsyncIterable<Buffer>) {
    await answerAt;
    let body = chunk;
    if (head !== null) {
      head = Buffer.concat([head, chunk]);
      const parsed = splitCgiHead(head);
      if (!parsed) continue;
      head = null;
      status = parsed.status;
      res.writeHead(parsed.status, parsed.headers);
      body = parsed.body;
    }
    if (res.destroyed) {
      output.destroy();
      break;
    }
    if (body.length > 0 && !res.write(body)) await drained(res);
  }
  await answerAt; // a failure is answered no sooner than a success
  return status;
}

/** Resolves once `res` takes more data, or is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve();
      return;
    }
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}

/** Splits a CGI answer into status, headers and the start of the body; null until the head is complete. */
function splitCgiHead(
  data: Buffer,
): { status: number; headers: Record<string, string>; body: Buffer } | null {
  let end = data.indexOf("\r\n\r\n");
  let separator = 4;
  const lfEnd = data.indexOf("\n\n");
  if (lfEnd >= 0 && (end < 0 || lfEnd < end)) {
    end = lfEnd;
    separator = 2;
  }
  if (end < 0) return null;
  const headers: Record<string, string> = {};
  let status = 200;
  for (const line of data.subarray(0, end).toString("latin1").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "status") status = Number.parseInt(value, 10) || 200;
    else headers[name] = value;
  }
  return { status, headers, body: data.subarray(end + separator) };
}

/** Mirrors the bare repo's branches into the store after a push. */
export async function refreshBranches(store: FakeStore, repo: FakeRepo): Promise<void> {
  if (!repo.gitDir) return;
  const { stdout } = await execFileAsync(
    "git",
    ["--git-dir", repo.gitDir, "for-each-ref", "--format=%(refname) %(objectname)", "refs/heads"],
    { env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" } },
  );
  repo.branches.clear();
  for (const line of stdout.split("\n")) {
    const space = line.lastIndexOf(" ");
    if (space <= 0) continue;
    repo.branches.set(line.slice(0, space).replace(/^refs\/heads\//, ""), line.slice(space + 1));
  }
  repo.pushed_at = store.now();
}
