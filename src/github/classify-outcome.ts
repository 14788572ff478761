// Decides what a failed (or GraphQL-errored) attempt means: a primary limit
// (wait for the reset), a secondary limit (pause everything), a transient
// failure (back off and retry) or a final answer (throw).
import { parseRateLimitHeaders, type RateLimitHeaders } from "./rate-limits.js";

export type TransientReason = "server-error" | "network" | "timeout" | "graphql-timeout";

export type Outcome =
  | { kind: "primary"; limits: RateLimitHeaders }
  | { kind: "secondary"; limits: RateLimitHeaders }
  | { kind: "transient"; reason: TransientReason; status?: number }
  | { kind: "fatal" };

type HeaderBag = Readonly<Record<string, string | number | undefined>>;

interface ErrorLike {
  status?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  response?: { status?: unknown; headers?: unknown; data?: unknown };
}

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === "object" && err !== null ? (err as ErrorLike) : {};
}

export function statusOf(err: unknown): number | undefined {
  const e = asErrorLike(err);
  if (typeof e.status === "number") return e.status;
  if (typeof e.response?.status === "number") return e.response.status;
  return undefined;
}

export function responseHeadersOf(err: unknown): HeaderBag | undefined {
  const headers = asErrorLike(err).response?.headers;
  return typeof headers === "object" && headers !== null ? (headers as HeaderBag) : undefined;
}

/** GitHub's own message from a response body, if any. */
export function responseMessageOf(err: unknown): string | undefined {
  const data = asErrorLike(err).response?.data;
  if (typeof data === "object" && data !== null && "message" in data) {
    const message = (data as { message: unknown }).message;
    if (typeof message === "string") return message;
  }
  return typeof data === "string" && data.length > 0 ? data : undefined;
}

const SERVER_ERRORS = new Set([500, 502, 503, 504]);
const CONNECTION_CODES = new Set([
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ECONNABORTED",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  // An answer cut short of its content-length (fetch reports it as "terminated").
  "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
]);
// Wrong address or host: retrying only delays the error a user must fix.
const CONFIG_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_NONAME", "ERR_INVALID_URL"]);
const CONNECTION_MESSAGE =
  /socket hang up|fetch failed|other side closed|ECONNRESET|UND_ERR_SOCKET|terminated/i;
const SECONDARY_MESSAGE = /secondary rate limit/i;
const GRAPHQL_TIMEOUT_MESSAGE = /something went wrong while executing your query|timedout|timed out/i;

/** Codes and messages along the error's `cause` chain. */
function causeChain(err: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    out.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return out;
}

/** A failure to talk to the server at all (reset, closed socket), not an HTTP answer. */
export function isConnectionError(err: unknown): boolean {
  const chain = causeChain(err);
  if (chain.some((e) => typeof e.code === "string" && CONFIG_CODES.has(e.code))) return false;
  return chain.some(
    (e) =>
      (typeof e.code === "string" && CONNECTION_CODES.has(e.code)) ||
      (typeof e.message === "string" && CONNECTION_MESSAGE.test(e.message)),
  );
}

/** Classifies a thrown attempt error. `isGraphQL`: the request went to the GraphQL endpoint. */
export function classifyError(err: unknown, isGraphQL: boolean, now: number): Outcome {
  const e = asErrorLike(err);
  const hasResponse = e.response !== undefined;
  const status = statusOf(err);
  const limits = parseRateLimitHeaders(responseHeadersOf(err), now);
  const message = `${typeof e.message === "string" ? e.message : ""} ${responseMessageOf(err) ?? ""}`;
  if (hasResponse && (status === 403 || status === 429)) {
    if (SECONDARY_MESSAGE.test(message)) return { kind: "secondary", limits };
    if (limits.remaining === 0) return { kind: "primary", limits };
    if (limits.retryAfterMs !== undefined || status === 429) return { kind: "secondary", limits };
    if (/rate limit/i.test(message)) return { kind: "primary", limits };
    return { kind: "fatal" };
  }
  if (!hasResponse) {
    return isConnectionError(err) ? { kind: "transient", reason: "network" } : { kind: "fatal" };
  }
  if (status !== undefined && SERVER_ERRORS.has(status)) {
    const timeout = isGraphQL && (status === 502 || status === 504);
    return { kind: "transient", reason: timeout ? "graphql-timeout" : "server-error", status };
  }
  return { kind: "fatal" };
}

export interface GraphQLErrorLike {
  type?: string;
  message: string;
  path?: readonly (string | number)[];
}

export function graphqlErrorsOf(data: unknown): GraphQLErrorLike[] {
  if (typeof data !== "object" || data === null || !("errors" in data)) return [];
  const errors = (data as { errors: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((raw): GraphQLErrorLike => {
    const entry = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const error: GraphQLErrorLike = {
      message: typeof entry.message === "string" ? entry.message : String(raw),
    };
    if (typeof entry.type === "string") error.type = entry.type;
    if (Array.isArray(entry.path)) error.path = entry.path as (string | number)[];
    return error;
  });
}

/** A GraphQL 200 whose errors are a rate limit or a server-side timeout; null when it is an answer. */
export function classifyGraphQLBody(
  data: unknown,
  headers: HeaderBag | undefined,
  now: number,
): Outcome | null {
  const errors = graphqlErrorsOf(data);
  if (errors.length === 0) return null;
  const limits = parseRateLimitHeaders(headers, now);
  if (errors.some((e) => SECONDARY_MESSAGE.test(e.message))) return { kind: "secondary", limits };
  if (errors.some((e) => e.type === "RATE_LIMITED")) return { kind: "primary", limits };
  if (errors.every((e) => GRAPHQL_TIMEOUT_MESSAGE.test(e.message)))
    return { kind: "transient", reason: "graphql-timeout", status: 200 };
  return null;
}

export function isGraphQLTimeoutMessage(message: string): boolean {
  return GRAPHQL_TIMEOUT_MESSAGE.test(message);
}
