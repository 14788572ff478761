// GraphQL calls that keep partial data: a batch naming a deleted issue gets
// the rest of its answer plus a NOT_FOUND error instead of an exception.

import {
  type GraphQLErrorLike,
  graphqlErrorsOf,
  isGraphQLTimeoutMessage,
  statusOf,
} from "./classify-outcome.js";
import type { GitHubClient } from "./client.js";
import type { RequestPriority } from "./priorities.js";
import { RequestTimeoutError } from "./scheduler.js";

export type { GraphQLErrorLike } from "./classify-outcome.js";

/** A GraphQL answer whose errors are not just missing nodes. */
export class GitHubGraphQLError extends Error {
  override readonly name = "GitHubGraphQLError";
  constructor(
    readonly errors: GraphQLErrorLike[],
    readonly data: unknown,
  ) {
    super(`GraphQL request failed: ${errors.map(describeError).join("; ")}`);
  }
}

function describeError(error: GraphQLErrorLike): string {
  const where = error.path && error.path.length > 0 ? ` (at ${error.path.join(".")})` : "";
  const type = error.type ? `${error.type}: ` : "";
  return `${type}${error.message}${where}`;
}

function isGraphqlResponseError(err: unknown): err is Error & { errors: unknown; data?: unknown } {
  return err instanceof Error && err.name === "GraphqlResponseError" && "errors" in err;
}

export async function graphqlQuery<T>(
  client: GitHubClient,
  query: string,
  variables: Record<string, unknown>,
  /** `derived`: the query only checks what the job's ETagged GETs answered (see conditional-requests.ts). */
  options: { signal?: AbortSignal; priority?: RequestPriority; derived?: boolean } = {},
): Promise<{ data: T; errors: GraphQLErrorLike[] }> {
  try {
    const data = await client.octokit.graphql<T>(query, {
      ...variables,
      request: {
        signal: options.signal,
        ...(options.priority === undefined ? {} : { priority: options.priority }),
        ...(options.derived ? { derived: true } : {}),
      },
    });
    return { data, errors: [] };
  } catch (err) {
    if (!isGraphqlResponseError(err)) throw err;
    const errors = graphqlErrorsOf({ errors: err.errors });
    const data = err.data;
    if (errors.length > 0 && errors.every((e) => e.type === "NOT_FOUND") && data != null) {
      return { data: data as T, errors };
    }
    throw new GitHubGraphQLError(errors, data);
  }
}

/**
 * The query took too long on GitHub's side (502/504, or "Something went wrong
 * while executing your query"): the caller should retry with a smaller page.
 */
export function isGraphQLTimeout(err: unknown): boolean {
  if (err instanceof RequestTimeoutError) return true;
  const status = statusOf(err);
  const hasResponse =
    typeof err === "object" && err !== null && "response" in err && err.response !== undefined;
  if (hasResponse && (status === 502 || status === 504)) return true;
  const errors =
    err instanceof GitHubGraphQLError ? err.errors : isGraphqlResponseError(err) ? graphqlErrorsOf(err) : [];
  return errors.length > 0 && errors.every((e) => isGraphQLTimeoutMessage(e.message));
}

/** Error types that say the query asked too much at once: a smaller one may pass. */
const TOO_LARGE_TYPES = new Set(["MAX_NODE_LIMIT_EXCEEDED", "RESOURCE_LIMITS"]);

/**
 * A batch worth splitting and retrying in smaller parts: a timeout (502/504,
 * the client's own timeout), the node cap or another resource limit, or any
 * answer with errors other than missing nodes (partial data: a smaller batch
 * isolates the item that fails). A primary rate limit is not: the scheduler
 * has already waited for the reset.
 */
export function isSplittableGraphQLFailure(err: unknown): boolean {
  if (isGraphQLTimeout(err)) return true;
  const errors =
    err instanceof GitHubGraphQLError ? err.errors : isGraphqlResponseError(err) ? graphqlErrorsOf(err) : [];
  if (errors.length === 0) return false;
  if (errors.some((e) => e.type !== undefined && TOO_LARGE_TYPES.has(e.type))) return true;
  return !errors.some((e) => e.type === "RATE_LIMITED");
}
