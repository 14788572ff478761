// Classifies an outgoing request before it is sent: which counter it belongs
// to (route template), which primary-limit bucket it draws from, how many
// secondary-limit points it costs, and whether it creates content.

export interface RequestInfo {
  method: string;
  /** "GET /repos/{owner}/{repo}/issues" (the template as Octokit passes it) or "POST /graphql". */
  routeKey: string;
  isGraphQL: boolean;
  /** A GraphQL document containing a mutation. */
  isMutation: boolean;
  /** Primary-limit bucket guessed before the response names it (x-ratelimit-resource). */
  resource: string;
  /** Secondary-limit points: REST GET/HEAD/OPTIONS 1, other REST 5; GraphQL query 1, mutation 5. */
  points: number;
  /** Counts against GitHub's content-creation limits (80/min, 500/h). */
  contentCreating: boolean;
}

/** The subset of Octokit's endpoint options the classifier reads. */
export interface RequestShape {
  method?: string;
  url?: string;
  baseUrl?: string;
  query?: unknown;
  request?: Readonly<Record<string, unknown>>;
}

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

// POST routes GitHub documents as notification-triggering / content-creating.
// Parameter names are ignored ([^/]+) so templates and expanded paths both match.
const CONTENT_ROUTES: RegExp[] = [
  /^\/repos\/[^/]+\/[^/]+\/(issues|pulls|releases|import\/issues)$/,
  /^\/repos\/[^/]+\/[^/]+\/issues\/[^/]+\/(comments|sub_issues)$/,
  /^\/repos\/[^/]+\/[^/]+\/pulls\/[^/]+\/(reviews|comments)$/,
  /^\/repos\/[^/]+\/[^/]+\/pulls\/[^/]+\/comments\/[^/]+\/replies$/,
];

const CONTENT_MUTATIONS =
  /\b(createIssue|addComment|createPullRequest|addPullRequestReview|addPullRequestReviewComment|addPullRequestReviewThread|addPullRequestReviewThreadReply|addSubIssue|createDiscussion|addDiscussionComment)\s*\(/;

/** Path of a request URL relative to the API base, without query string. */
export function normalisePath(url: string, baseUrl?: string): string {
  let path = url;
  if (/^https?:\/\//i.test(path)) {
    const base = baseUrl?.replace(/\/+$/, "");
    if (base && path.startsWith(base)) {
      path = path.slice(base.length);
    } else {
      try {
        path = new URL(path).pathname;
      } catch {
        // Keep the raw string: classification still works on most of it.
      }
    }
  }
  const query = path.indexOf("?");
  if (query >= 0) path = path.slice(0, query);
  if (!path.startsWith("/")) path = `/${path}`;
  return path;
}

/** "GET /repos/{owner}/{repo}/labels" for a route string such as "/repos/{owner}/{repo}/labels". */
export function routeKeyFromRoute(route: string): string {
  const match = /^([A-Z]+)\s+(\S+)$/.exec(route.trim());
  if (match) return `${match[1]} ${match[2]}`;
  return `GET ${route.trim()}`;
}

function isGraphQLPath(path: string): boolean {
  return /(^|\/)graphql$/.test(path);
}

function stripComments(query: string): string {
  return query.replace(/#[^\n]*/g, "");
}

export function isMutationDocument(query: unknown): boolean {
  return typeof query === "string" && /(^|\})\s*mutation\b/.test(stripComments(query));
}

export function describeRequest(options: RequestShape): RequestInfo {
  const method = (options.method ?? "GET").toUpperCase();
  const path = normalisePath(options.url ?? "/", options.baseUrl);
  const isGraphQL = method === "POST" && isGraphQLPath(path);
  const override = options.request?.routeKey;
  const routeKey =
    typeof override === "string" ? override : isGraphQL ? "POST /graphql" : `${method} ${path}`;
  const isMutation = isGraphQL && isMutationDocument(options.query);
  const explicitContent = options.request?.contentCreating;
  let contentCreating: boolean;
  if (typeof explicitContent === "boolean") contentCreating = explicitContent;
  else if (isGraphQL) contentCreating = isMutation && CONTENT_MUTATIONS.test(String(options.query));
  else contentCreating = method === "POST" && CONTENT_ROUTES.some((re) => re.test(path));
  const resource = isGraphQL ? "graphql" : path.startsWith("/search/") ? "search" : "core";
  const points = isGraphQL ? (isMutation ? 5 : 1) : READ_METHODS.has(method) ? 1 : 5;
  return { method, routeKey, isGraphQL, isMutation, resource, points, contentCreating };
}
