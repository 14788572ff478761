// Checks every request before it leaves: the token goes only to the API's own
// origin (a `rel="next"` link, a resume journal or a hostile server naming
// another host never receives it), and a read-only client (a dry run, a save)
// refuses anything but reads, whatever the calling code does.

export class RefusedRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RefusedRequestError";
  }
}

export interface RequestGuardOptions {
  /** The REST base and the GraphQL endpoint: the origins the token may go to. */
  apiUrl: string;
  graphqlUrl: string;
  /** Only GET/HEAD requests and GraphQL queries pass. */
  readOnly: boolean;
}

/** What the guard sees of a request (Octokit's endpoint options). */
export interface GuardedRequest {
  method?: string;
  url?: string;
  baseUrl?: string;
  query?: unknown;
  data?: unknown;
}

const ABSOLUTE = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/**
 * True when a GraphQL document holds a mutation or subscription operation.
 * Comments and strings are dropped first; any other use of the word counts,
 * so a doubtful document is treated as a write.
 */
export function isGraphqlWrite(query: string): boolean {
  const code = query.replace(/"""[\s\S]*?"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*/g, " ");
  return /(^|[^A-Za-z0-9_])(mutation|subscription)([^A-Za-z0-9_]|$)/.test(code);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function graphqlQuery(request: GuardedRequest): string | undefined {
  if (typeof request.query === "string") return request.query;
  const data = request.data as { query?: unknown } | undefined;
  return typeof data?.query === "string" ? data.query : undefined;
}

/** A checker for one client; throws RefusedRequestError for a request that must not be sent. */
export function createRequestGuard(options: RequestGuardOptions): (request: GuardedRequest) => void {
  const allowed = new Set([originOf(options.apiUrl), originOf(options.graphqlUrl)].filter(Boolean));
  return (request) => {
    const url = request.url ?? "";
    const target = ABSOLUTE.test(url) ? url : (request.baseUrl ?? options.apiUrl);
    const origin = originOf(target.startsWith("//") ? `https:${target}` : target);
    if (origin === null || !allowed.has(origin)) {
      throw new RefusedRequestError(
        `refused a request to ${origin ?? "an unreadable address"}: the token goes only to the API's own origin (${[...allowed].join(", ")}); an answer's link or a resume journal pointed elsewhere`,
      );
    }
    if (!options.readOnly) return;
    const method = (request.method ?? "GET").toUpperCase();
    if (method === "GET" || method === "HEAD") return;
    const query = method === "POST" ? graphqlQuery(request) : undefined;
    if (query !== undefined && /\/graphql$/.test(url.split("?")[0] ?? "") && !isGraphqlWrite(query)) return;
    throw new RefusedRequestError(
      `refused ${method} ${url.split("?")[0]}: this run only reads (a dry run or a save never writes to GitHub)`,
    );
  };
}
