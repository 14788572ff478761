// The GitHub client every job shares: one Octokit with pagination plugins and
// our request scheduler, pointed at github.com or a GitHub Enterprise Server.
// The token goes to Octokit's auth and nowhere else; logs pass through `redact`.
import { Octokit } from "@octokit/core";
import { paginateGraphQL } from "@octokit/plugin-paginate-graphql";
import { paginateRest } from "@octokit/plugin-paginate-rest";
import type { Logger } from "../util/logger.js";
import { silentLogger } from "../util/logger.js";
import { createRedactor } from "../util/redact.js";
import type { Budgets } from "./rate-budget.js";
import { createRequestGuard, type GuardedRequest } from "./request-guard.js";
import { RequestScheduler, type RequestSchedulerOptions, schedulerPlugin } from "./scheduler.js";
import type { RequestStats } from "./stats.js";
import { createStorageDownloader, DOWNLOAD_CONCURRENCY, type StorageDownloader } from "./storage-download.js";
import { undiciFetch } from "./undici-fetch.js";
import { createWebHost, type WebHost } from "./web-host.js";

export const DEFAULT_API_URL = "https://api.github.com";
/** REST API version sent with every request (GitHub's default; 2026-03-10 removes fields we keep). */
export const API_VERSION = "2022-11-28";
/** Time until a storage download's headers arrive, as the scheduler's per-request default. */
const DEFAULT_STORAGE_TIMEOUT_MS = 30_000;

export const GitHubOctokitClass = Octokit.plugin(paginateRest, paginateGraphQL, schedulerPlugin);
export type GitHubOctokit = InstanceType<typeof GitHubOctokitClass>;

export interface GitHubClientOptions {
  token: string;
  /** REST base (default https://api.github.com; GHES: https://HOST/api/v3). */
  apiUrl?: string;
  /** Default derived: a base ending in /api/v3 → …/api/graphql, otherwise <base>/graphql. */
  graphqlUrl?: string;
  /** Most requests in flight (default 100, GitHub's limit). */
  concurrency?: number;
  /** Per-attempt timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Retries of transient failures (default 6). */
  maxRetries?: number;
  userAgent?: string;
  log?: Logger;
  budgets?: Partial<Budgets>;
  /** Aborts every request of this client. */
  signal?: AbortSignal;
  /** Share an existing scheduler (one per token); the options above then do not configure it. */
  scheduler?: RequestScheduler;
  /**
   * A fetch implementation to send requests with (proxies, instrumentation);
   * default: undici's request API (undici-fetch.ts).
   */
  fetch?: typeof globalThis.fetch;
  /** Refuse every request but reads (GET, HEAD, GraphQL queries): dry runs and saves. */
  readOnly?: boolean;
  /** Finer scheduler settings (pacing, backoff, clock) — mostly for tests. */
  schedulerOptions?: Omit<RequestSchedulerOptions, "signal" | "log" | "redact">;
}

export interface GitHubClient {
  octokit: GitHubOctokit;
  scheduler: RequestScheduler;
  /** Downloads from file storage (where asset redirects point), outside the API's slots. */
  storage: StorageDownloader;
  /** The web host (attachments): the token goes to its origin only, never across a redirect. */
  web: WebHost;
  stats(): RequestStats;
  apiUrl: string;
  graphqlUrl: string;
  /** "Authorization: Basic base64(x-access-token:TOKEN)", for git's http.extraHeader. */
  gitAuthHeader(): string;
  redact(text: string): string;
}

/** What a use case's request says about the connection. */
export interface ConnectionRequest {
  token: string;
  apiUrl?: string;
  graphqlUrl?: string;
  concurrency?: number;
  /** Overrides for tests and benchmarks. */
  client?: Partial<GitHubClientOptions>;
}

/** Client options for a use case's request: its connection, then its overrides. */
export function connectionOptions(
  request: ConnectionRequest,
  log: Logger,
  signal: AbortSignal,
): GitHubClientOptions {
  return {
    token: request.token,
    apiUrl: request.apiUrl,
    graphqlUrl: request.graphqlUrl,
    concurrency: request.concurrency,
    log,
    signal,
    ...request.client,
  };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** True for a plain-http URL to another machine: the token would cross the network unencrypted. */
export function sendsTokenInClear(url: string): boolean {
  const parsed = new URL(url);
  return parsed.protocol === "http:" && !LOOPBACK.test(parsed.hostname);
}

/** GitHub's GraphQL endpoint for a REST base URL. */
export function deriveGraphqlUrl(apiUrl: string): string {
  const base = trimSlash(apiUrl);
  return /\/api\/v3$/.test(base) ? base.replace(/\/api\/v3$/, "/api/graphql") : `${base}/graphql`;
}

export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const apiUrl = trimSlash(options.apiUrl || DEFAULT_API_URL);
  const graphqlUrl = options.graphqlUrl ? trimSlash(options.graphqlUrl) : deriveGraphqlUrl(apiUrl);
  const token = options.token;
  const redact = createRedactor([token]);
  const log = options.log ?? silentLogger;
  for (const url of new Set([apiUrl, graphqlUrl])) {
    if (token && sendsTokenInClear(url))
      log.warn(`${url} is plain http: the token crosses the network unencrypted; use https`);
  }
  const scheduler =
    options.scheduler ??
    new RequestScheduler({
      ...options.schedulerOptions,
      ...definedOnly({
        concurrency: options.concurrency,
        requestTimeoutMs: options.requestTimeoutMs,
        maxRetries: options.maxRetries,
        budgets: options.budgets,
      }),
      signal: options.signal,
      log,
      redact,
    });

  const octokitLog = {
    debug: (message: string) => log.debug(redact(message)),
    info: (message: string) => log.info(redact(message)),
    warn: (message: string) => log.warn(redact(message)),
    error: (message: string) => log.error(redact(message)),
  };
  const octokit = new GitHubOctokitClass({
    ...(token ? { auth: token } : {}),
    baseUrl: apiUrl,
    userAgent: options.userAgent ?? "github-data",
    log: octokitLog,
    // API answers through undici's request API rather than Node's fetch (undici-fetch.ts).
    request: { log: octokitLog, fetch: options.fetch ?? undiciFetch },
    scheduler,
  });

  // Octokit posts GraphQL to <base>/graphql (…/api/graphql for an /api/v3 base);
  // an explicitly configured endpoint elsewhere replaces that URL.
  const defaultGraphqlUrl = deriveGraphqlUrl(apiUrl);
  const customGraphql = graphqlUrl !== defaultGraphqlUrl;
  const guard = createRequestGuard({ apiUrl, graphqlUrl, readOnly: options.readOnly ?? false });
  octokit.hook.before("request", (requestOptions) => {
    requestOptions.headers["x-github-api-version"] = API_VERSION;
    if (
      customGraphql &&
      requestOptions.method === "POST" &&
      (requestOptions.url === "/graphql" || requestOptions.url === defaultGraphqlUrl)
    ) {
      requestOptions.url = graphqlUrl;
    }
    guard(requestOptions as GuardedRequest);
  });

  // `concurrency`, the user's bound on requests in flight, caps downloads too.
  const downloads = Math.min(DOWNLOAD_CONCURRENCY, scheduler.concurrency);
  const gitHeader = `Authorization: Basic ${Buffer.from(`x-access-token:${token}`, "utf8").toString("base64")}`;
  return {
    octokit,
    scheduler,
    storage: createStorageDownloader({
      // Outside the API's slots: a save's assets stream while its list pages continue.
      concurrency: downloads,
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    web: createWebHost({
      apiUrl,
      token,
      concurrency: downloads,
      timeoutMs: options.requestTimeoutMs ?? DEFAULT_STORAGE_TIMEOUT_MS,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
    stats: () => scheduler.stats(),
    apiUrl,
    graphqlUrl,
    gitAuthHeader: () => gitHeader,
    redact,
  };
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
