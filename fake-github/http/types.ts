// The contract between the fake server's HTTP core and the modules that add
// routes (REST reads, REST writes, GraphQL, git). Each route is declared with
// GitHub's route template so counters and per-endpoint limits key on it.
import type { FakeStore, FakeUser } from "../store/types.js";

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "HEAD";

export interface FakeRequest {
  method: HttpMethod;
  /** The path without the query string, e.g. "/repos/o/r/issues". */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** Path parameters named as in the template, e.g. {owner, repo, issue_number}. */
  params: Record<string, string>;
  /** Parsed JSON body for JSON requests; raw bytes otherwise (asset upload); undefined when empty. */
  body: unknown;
  rawBody: Buffer;
  /** The authenticated user, or null for an anonymous request. */
  user: FakeUser | null;
  /** The token as sent (never logged). */
  token: string | null;
  /** Absolute base URL of the server, e.g. "http://127.0.0.1:4567", for building links. */
  baseUrl: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless it is a Buffer (sent as is) or undefined (no body). */
  body?: unknown;
}

export interface ServerContext {
  store: FakeStore;
  /**
   * Debits GraphQL primary-limit points for the request's token. ok=false when
   * the hourly budget is spent (the handler then answers 200 with a RATE_LIMITED
   * error). The returned x-ratelimit-* headers are to be sent with the response.
   */
  chargeGraphQL(req: FakeRequest, cost: number): { ok: boolean; headers: Record<string, string> };
  /**
   * Simulated GraphQL timeout: a query whose node count (GitHub's formula)
   * exceeds this answers 502 "We couldn't respond to your request in time"
   * after being charged. Unset = never times out.
   */
  graphqlMaxNodesBeforeTimeout?: number;
  /** GraphQL's node cap (knob `graphqlMaxNodes`). */
  graphqlMaxNodes: number;
  /** Depth limit of the capped page-numbered lists (knob `listCapItems`); unset = unlimited. */
  listCapItems?: number;
}

export type RouteHandler = (req: FakeRequest, ctx: ServerContext) => FakeResponse | Promise<FakeResponse>;

export interface RouteDef {
  method: HttpMethod;
  /** GitHub's route template with `{name}` parameters, e.g. "/repos/{owner}/{repo}/issues/{issue_number}". */
  template: string;
  handler: RouteHandler;
  /** Counts against the content-creation secondary limit. */
  contentCreating?: boolean;
  /** Secondary-limit points: 1 for reads, 5 for writes unless set. */
  points?: number;
  /**
   * Primary-limit bucket. "core" routes are debited one request by the server
   * core before the handler runs; "graphql" routes debit points themselves via
   * ServerContext.chargeGraphQL; "none" costs nothing (admin, git, storage).
   */
  resource?: "core" | "graphql" | "none";
}
