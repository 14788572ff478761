// Shared pieces of the REST read routes: repository access (404 when the
// caller may not see it, as GitHub does), parameter parsing, paged answers.
import { canReadRepo, canWriteRepo } from "../../http/auth.js";
import { pageSlice, paginationLimitedMessage } from "../../http/pagination.js";
import { notFound, validationFailed } from "../../http/responses.js";
import type { FakeRequest, FakeResponse, RouteDef, RouteHandler } from "../../http/types.js";
import { findRepo } from "../../store/create-store.js";
import type { FakeRepo, FakeStore, FakeToken } from "../../store/types.js";

/** A GET route: 1 secondary point, one core request unless `resource` says otherwise. */
export function readRoute(
  template: string,
  handler: RouteHandler,
  resource: "core" | "none" = "core",
): RouteDef {
  return { method: "GET", template, handler, resource, points: 1 };
}

export function grantOf(req: FakeRequest, store: FakeStore): FakeToken | null {
  return req.token ? (store.tokens.get(req.token) ?? null) : null;
}

export interface RepoAccess {
  repo: FakeRepo;
  /** The caller may push (sees draft releases, pending data). */
  canWrite: boolean;
}

/** The `{owner}/{repo}` of the path if the caller may read it; null means answer 404. */
export function readableRepo(req: FakeRequest, store: FakeStore): RepoAccess | null {
  const repo = findRepo(store, req.params.owner ?? "", req.params.repo ?? "");
  if (!repo) return null;
  const grant = grantOf(req, store);
  if (!canReadRepo(grant, repo)) return null;
  return { repo, canWrite: canWriteRepo(grant, repo) };
}

/** Runs `body` for a readable repository, else 404. */
export function withRepo(
  req: FakeRequest,
  store: FakeStore,
  body: (access: RepoAccess) => FakeResponse | Promise<FakeResponse>,
): FakeResponse | Promise<FakeResponse> {
  const access = readableRepo(req, store);
  return access ? body(access) : notFound();
}

/** A positive integer path parameter, or null (the route then answers 404). */
export function intParam(req: FakeRequest, name: string): number | null {
  const raw = req.params[name] ?? "";
  if (!/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return Number.isSafeInteger(value) ? value : null;
}

/** `since` as epoch ms: null when absent; a 422 answer when malformed. */
export function sinceParam(req: FakeRequest): { since: number | null } | { error: FakeResponse } {
  const raw = req.query.get("since");
  if (raw === null || raw === "") return { since: null };
  const value = Date.parse(raw);
  if (Number.isNaN(value)) return { error: validationFailed(`Invalid value for "since": ${raw}`) };
  return { since: value };
}

/** `direction=asc|desc`, falling back to `fallback` for anything else. */
export function descending(req: FakeRequest, fallback: "asc" | "desc"): boolean {
  const raw = req.query.get("direction");
  return (raw === "asc" || raw === "desc" ? raw : fallback) === "desc";
}

/**
 * Page-number pagination of a complete, ordered list; with `cap` (items), a
 * page past it answers GitHub's 422 "pagination is limited".
 */
export function pagedList<T>(
  req: FakeRequest,
  items: readonly T[],
  serialize: (item: T) => unknown,
  cap?: number,
): FakeResponse {
  const page = pageSlice(req, items, cap);
  if (page.limited) return validationFailed(paginationLimitedMessage, paginationDocsUrl);
  return { status: 200, body: page.items.map(serialize), headers: page.headers };
}

const paginationDocsUrl = "https://docs.github.com/v3/#pagination";

/** Timestamp (ISO) at or after `since` (epoch ms). Store timestamps are ISO UTC strings. */
export function atOrAfter(iso: string, since: number): boolean {
  return Date.parse(iso) >= since;
}
