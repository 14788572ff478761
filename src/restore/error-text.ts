// What a failed request said, in the one form every restorer reports it:
// status, route and GitHub's message plus the `errors` details of a 422 (where
// the reason actually is, e.g. "No commits between main and topic"); and the
// checks restorers branch on.
import { describeGitHubError, isAbortError, statusOf } from "../github/errors.js";
import type { RestoreContext } from "./types.js";

function detailsOf(err: unknown): string[] {
  const data = (err as { response?: { data?: unknown } } | null)?.response?.data;
  if (typeof data !== "object" || data === null) return [];
  const errors = (data as { errors?: unknown }).errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    if (typeof e === "string") return e;
    if (typeof e !== "object" || e === null) return String(e);
    const { message, field, code, value } = e as Record<string, unknown>;
    if (typeof message === "string") return message;
    return [field, code, value].filter((x) => x !== undefined && x !== null).join(" ");
  });
}

/** One line: status, route, message and 422 details; never the token. */
export function failureText(err: unknown, redact: (text: string) => string): string {
  const details = detailsOf(err).filter(Boolean);
  const head = describeGitHubError(err, redact);
  return details.length > 0 ? redact(`${head} (${details.join("; ")})`) : head;
}

/** What GitHub said about a refused (422) request, without status and route: the details, else the message. */
export function refusalText(err: unknown, redact: (text: string) => string): string {
  const details = detailsOf(err).filter(Boolean);
  if (details.length > 0) return redact(details.join("; "));
  const data = (err as { response?: { data?: { message?: unknown } } } | null)?.response?.data;
  return typeof data?.message === "string" ? redact(data.message) : failureText(err, redact);
}

/** A 422: GitHub understood the request and refused this object (a per-item outcome). */
export function isRefused(err: unknown): boolean {
  return statusOf(err) === 422;
}

/** Aborts (cancellation, timeouts of the job) must stop the job, never count as an item failure. */
export function rethrowIfAborted(err: unknown, signal: AbortSignal): void {
  if (isAbortError(err) || signal.aborted) throw err;
}

/** What the per-item catch needs of a restorer's context. */
type ItemContext = Pick<RestoreContext, "signal" | "itemFailed" | "client">;

/**
 * The per-item catch of every restorer: an abort stops the job (rethrown);
 * anything else is this item's failure, reported as `where: <failure text>`
 * and counted in `result`, and the job goes on with the next item.
 */
export function failItem(ctx: ItemContext, result: { failed: number }, where: string, err: unknown): void {
  rethrowIfAborted(err, ctx.signal);
  ctx.itemFailed(`${where}: ${failureText(err, ctx.client.redact)}`);
  result.failed++;
}
