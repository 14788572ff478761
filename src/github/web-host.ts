// Requests to GitHub's web host (github.com, or a GitHub Enterprise Server's
// own host), where files attached to bodies live. The token is sent to that
// one origin and nowhere else: not to any other host a body links, and never
// across a redirect (the web host answers a private attachment with a
// redirect to a signed storage URL, which is its own credential). Redirects
// are therefore never followed here; the caller fetches the storage URL
// without credentials (storage-download.ts).
import PQueue from "p-queue";
import { abortErrorFor, anySignal } from "./abort.js";
import { type HttpAnswer, type HttpFetch, undiciFetch } from "./undici-fetch.js";

/** The web address that goes with a REST base: api.github.com → github.com, GHES /api/v3 → host. */
export function webUrlForApi(apiUrl: string): string {
  const base = apiUrl.replace(/\/+$/, "");
  if (/^https?:\/\/api\.github\.com$/i.test(base)) return "https://github.com";
  return base.replace(/\/api\/v3$/i, "");
}

export interface WebHost {
  /** The web host's origin, e.g. https://github.com. */
  readonly origin: string;
  /**
   * GETs `url` without following redirects, with the token only when `url`
   * is on the web host's origin. The caller reads or discards the body (capped-body.ts).
   */
  get(url: string, signal?: AbortSignal): Promise<HttpAnswer>;
}

export function createWebHost(options: {
  apiUrl: string;
  token: string;
  concurrency: number;
  /** Time until the answer's headers arrive. */
  timeoutMs: number;
  /** Default: undiciFetch (undici-fetch.ts). */
  fetch?: HttpFetch;
}): WebHost {
  const origin = new URL(webUrlForApi(options.apiUrl)).origin;
  const queue = new PQueue({ concurrency: Math.max(1, options.concurrency) });
  const fetchImpl = options.fetch ?? undiciFetch;
  return {
    origin,
    get(url, signal) {
      return queue.add(
        async () => {
          if (signal?.aborted) throw abortErrorFor(signal);
          const headers: Record<string, string> = { "user-agent": "github-data" };
          if (options.token && new URL(url).origin === origin)
            headers.authorization = `token ${options.token}`;
          const waiting = new AbortController();
          const timer =
            options.timeoutMs > 0
              ? setTimeout(
                  () => waiting.abort(new Error(`the web host did not answer in ${options.timeoutMs} ms`)),
                  options.timeoutMs,
                )
              : undefined;
          try {
            return await fetchImpl(url, {
              headers,
              redirect: "manual",
              signal: anySignal(signal, waiting.signal) ?? null,
            });
          } finally {
            clearTimeout(timer);
          }
        },
        signal ? { signal } : {},
      );
    },
  };
}
