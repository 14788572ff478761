// The fetch Octokit sends API requests with: undici's request API (the HTTP
// client under Node's own fetch) instead of fetch itself. Node's fetch hands
// every answer through web streams, which cost about twice the CPU per answer
// of undici's Node stream; a save reads hundreds of answers of up to ~2 MB.
//
// What fetch does beyond HTTP stays in undici: redirects are followed by its
// redirect interceptor, which drops Authorization (and cookies) when a
// redirect leaves the origin, turns a 303 (and a POSTed 301/302) into a GET,
// and detects loops. Left here is what fetch adds around it, kept as fetch
// has it: the `accept-encoding` request header and the decoding of the answer
// with node:zlib, errors as `TypeError("fetch failed")` with the cause, an
// aborted request rejecting with the signal's reason, and `redirect: "manual"`.
//
// The answer has the parts of a fetch Response that Octokit and the scheduler
// use; its `body` is the Node stream itself (the scheduler reads it without a
// web stream, see capped-body.ts).
import { STATUS_CODES } from "node:http";
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { Dispatcher } from "undici";
import dispatcherRequest from "undici/lib/api/api-request.js";
import Agent from "undici/lib/dispatcher/agent.js";
import redirectInterceptor from "undici/lib/interceptor/redirect.js";
import type { AnswerBody } from "./capped-body.js";

/** Redirects followed at most, as fetch. */
const MAX_REDIRECTS = 20;

export interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: RequestInit["body"];
  redirect?: "follow" | "manual" | "error";
  signal?: AbortSignal | null;
}

/** What the downloaders read of an answer: a FetchAnswer, or a fetch Response from a `fetch` option. */
export interface HttpAnswer {
  readonly status: number;
  readonly ok: boolean;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  readonly body: AnswerBody | null;
  text(): Promise<string>;
}

/** A fetch as the downloaders call it: undiciFetch, or globalThis.fetch and its wrappers. */
export type HttpFetch = (url: string, init?: FetchInit) => Promise<HttpAnswer>;

/** The header list of an answer, read as fetch's Headers is (lower-case names, repeated fields joined). */
export class AnswerHeaders {
  readonly #fields: Map<string, string>;

  constructor(raw: Record<string, string | string[] | undefined>) {
    const names = Object.keys(raw).sort();
    this.#fields = new Map();
    for (const name of names) {
      const value = raw[name];
      if (value !== undefined) this.#fields.set(name, Array.isArray(value) ? value.join(", ") : value);
    }
  }

  get(name: string): string | null {
    return this.#fields.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#fields.has(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.#fields) callback(value, name);
  }

  entries(): IterableIterator<[string, string]> {
    return this.#fields.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#fields.entries();
  }
}

/** The parts of a fetch Response that Octokit and the scheduler read; `body` is a Node stream. */
export class FetchAnswer implements HttpAnswer {
  readonly ok: boolean;
  readonly statusText: string;
  readonly redirected: boolean;

  constructor(
    readonly status: number,
    readonly headers: AnswerHeaders,
    readonly body: Readable | null,
    readonly url: string,
    redirects: number,
  ) {
    this.ok = status >= 200 && status < 300;
    this.statusText = STATUS_CODES[status] ?? "";
    this.redirected = redirects > 0;
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = await this.#bytes();
    return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  }

  async text(): Promise<string> {
    return (await this.#bytes()).toString("utf8");
  }

  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }

  async #bytes(): Promise<Buffer> {
    if (this.body === null) return Buffer.alloc(0);
    const chunks: Buffer[] = [];
    for await (const chunk of this.body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

export type UndiciFetch = (url: string | URL, init?: FetchInit) => Promise<FetchAnswer>;

const DECODERS: Record<string, () => NodeJS.ReadWriteStream> = {
  gzip: createGunzip,
  "x-gzip": createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** Statuses fetch treats as redirects. */
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Statuses whose answers have no body to decode (fetch's list). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The body decoded by its content codings, last applied first; as fetch, a
 * coding it does not know leaves the body as sent.
 */
function decoded(body: Readable, encoding: string | null, method: string, status: number): Readable {
  if (encoding === null || method === "HEAD" || method === "CONNECT" || NULL_BODY.has(status)) return body;
  const codings = encoding
    .toLowerCase()
    .split(",")
    .map((coding) => coding.trim())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length === 0 || codings.some((coding) => DECODERS[coding] === undefined)) return body;
  const stages = codings.reverse().map((coding) => (DECODERS[coding] as () => NodeJS.ReadWriteStream)());
  // pipeline destroys every stage when one fails or the last is destroyed (a cancelled body).
  return (pipeline as (...streams: unknown[]) => Readable)(body, ...stages, () => {});
}

/** Error of a request that got no answer, as fetch rejects (Octokit reads the cause's message). */
function fetchFailed(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}

let shared: Dispatcher | undefined;

/** One connection pool for every client in the process, as fetch's global dispatcher. */
function dispatcher(): Dispatcher {
  shared ??= new Agent().compose(redirectInterceptor({ maxRedirections: MAX_REDIRECTS }));
  return shared;
}

/** A fetch for Octokit's `request.fetch`: undici's request API behind fetch's surface. */
export const undiciFetch: UndiciFetch = async (url, init = {}) => {
  const method = (init.method ?? "GET").toUpperCase();
  const target = new URL(url);
  const headers: Record<string, string> = { ...init.headers };
  // fetch asks for compressed answers unless the caller chose; brotli only over https.
  if (!Object.keys(headers).some((name) => name.toLowerCase() === "accept-encoding"))
    headers["accept-encoding"] = target.protocol === "https:" ? "br, gzip, deflate" : "gzip, deflate";
  const signal = init.signal ?? undefined;
  const options = {
    origin: target.origin,
    path: `${target.pathname}${target.search}`,
    method,
    headers,
    body: (init.body ?? null) as Dispatcher.RequestOptions["body"],
    signal,
    // The interceptor's own options: none for "manual" and "error", an error past the limit as fetch.
    maxRedirections: init.redirect === "manual" || init.redirect === "error" ? 0 : MAX_REDIRECTS,
    throwOnMaxRedirect: true,
  } as Dispatcher.RequestOptions;
  let answer: Dispatcher.ResponseData;
  try {
    answer = await dispatcherRequest.call(dispatcher(), options);
  } catch (error) {
    if (signal?.aborted) throw signal.reason;
    throw fetchFailed(error);
  }
  if (init.redirect === "error" && REDIRECTS.has(answer.statusCode)) {
    answer.body.on("error", () => {}).destroy();
    throw fetchFailed(new Error(`unexpected redirect (${answer.statusCode})`));
  }
  const history = (answer.context as { history?: readonly URL[] } | undefined)?.history ?? [];
  const finalUrl = history.at(-1)?.href ?? target.href;
  const answerHeaders = new AnswerHeaders(answer.headers);
  const body = NULL_BODY.has(answer.statusCode) || method === "HEAD" ? null : answer.body;
  if (body === null) answer.body.resume();
  return new FetchAnswer(
    answer.statusCode,
    answerHeaders,
    body === null ? null : decoded(body, answerHeaders.get("content-encoding"), method, answer.statusCode),
    finalUrl,
    Math.max(0, history.length - 1),
  );
};
