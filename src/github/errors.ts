// Turning GitHub failures into one-line messages for users and logs, and the
// status checks callers branch on. Every message passes through the redactor.
import { isAbortError } from "./abort.js";
import { responseMessageOf, statusOf } from "./classify-outcome.js";
import { normalisePath } from "./route-key.js";

export { isAbortError } from "./abort.js";
export { statusOf } from "./classify-outcome.js";

interface RequestLike {
  method?: unknown;
  url?: unknown;
}

function requestOf(err: unknown): RequestLike | undefined {
  if (typeof err !== "object" || err === null || !("request" in err)) return undefined;
  const request = (err as { request: unknown }).request;
  return typeof request === "object" && request !== null ? (request as RequestLike) : undefined;
}

function hasHttpResponse(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { response?: unknown }).response !== undefined;
}

/** GraphQL errors carried by @octokit/graphql's GraphqlResponseError (or our GitHubGraphQLError). */
function graphqlMessages(err: unknown): string[] {
  if (typeof err !== "object" || err === null || !("errors" in err)) return [];
  const errors = (err as { errors: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) =>
    typeof e === "object" && e !== null && typeof (e as { message?: unknown }).message === "string"
      ? (e as { message: string }).message
      : String(e),
  );
}

/**
 * One line: status, method and path, and GitHub's message — e.g.
 * `404 GET /repos/o/r/labels: Not Found`. Never contains the token.
 */
export function describeGitHubError(err: unknown, redact: (text: string) => string = (t) => t): string {
  const one = (text: string): string => redact(text.replace(/\s+/g, " ").trim());
  if (isAbortError(err)) return one(err instanceof Error ? err.message : "aborted");
  const request = requestOf(err);
  const method = typeof request?.method === "string" ? request.method.toUpperCase() : undefined;
  const url = typeof request?.url === "string" ? normalisePath(request.url) : undefined;
  const where = [method, url].filter(Boolean).join(" ");
  const gql = graphqlMessages(err);
  if (gql.length > 0) {
    const head = where || "POST /graphql";
    return one(`GraphQL error on ${head}: ${gql.join("; ")}`);
  }
  const status = hasHttpResponse(err) ? statusOf(err) : undefined;
  const githubMessage = responseMessageOf(err);
  const ownMessage = err instanceof Error ? err.message : String(err);
  // Octokit appends " - <documentation_url>" to messages; GitHub's own text is enough.
  const message = githubMessage ?? ownMessage.replace(/ - https:\/\/docs\.github\.com\S*$/, "");
  const parts = [status === undefined ? undefined : String(status), where].filter(Boolean).join(" ");
  return one(parts ? `${parts}: ${message}` : message);
}

export function isAuthError(err: unknown): boolean {
  return hasHttpResponse(err) && statusOf(err) === 401;
}

export function isNotFound(err: unknown): boolean {
  return hasHttpResponse(err) && statusOf(err) === 404;
}

export function isForbidden(err: unknown): boolean {
  return hasHttpResponse(err) && statusOf(err) === 403;
}

/** 410 Gone, e.g. issues disabled on the repository. */
export function isGone(err: unknown): boolean {
  return hasHttpResponse(err) && statusOf(err) === 410;
}
