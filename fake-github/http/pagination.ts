// GitHub's REST pagination: `per_page` (default 30, at most 100), `page`, and a
// `link` header of absolute URLs that keep the request's other query parameters.
import type { FakeRequest } from "./types.js";

export const defaultPerPage = 30;
export const maxPerPage = 100;

export function perPageOf(query: URLSearchParams): number {
  const value = Number.parseInt(query.get("per_page") ?? "", 10);
  if (!Number.isFinite(value) || value < 1) return defaultPerPage;
  return Math.min(value, maxPerPage);
}

export function pageOf(query: URLSearchParams): number {
  const value = Number.parseInt(query.get("page") ?? "", 10);
  return Number.isFinite(value) && value >= 1 ? value : 1;
}

/** The request's own URL with some query parameters replaced (null removes one). */
export function selfUrl(req: FakeRequest, changes: Record<string, string | null>): string {
  const query = new URLSearchParams(req.query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) query.delete(name);
    else query.set(name, value);
  }
  const search = query.toString();
  return `${req.baseUrl}${req.path}${search ? `?${search}` : ""}`;
}

export function linkHeader(links: Array<[rel: string, url: string]>): string {
  return links.map(([rel, url]) => `<${url}>; rel="${rel}"`).join(", ");
}

/** Page-number `link` header in GitHub's order: prev, next, last, first. */
export function pageLinks(req: FakeRequest, page: number, lastPage: number): string | undefined {
  const links: Array<[string, string]> = [];
  const to = (n: number) => selfUrl(req, { page: String(n) });
  if (page > 1) links.push(["prev", to(page - 1)]);
  if (page < lastPage) {
    links.push(["next", to(page + 1)]);
    links.push(["last", to(lastPage)]);
  }
  if (page > 1) links.push(["first", to(1)]);
  return links.length > 0 ? linkHeader(links) : undefined;
}

/** GitHub's answer to a page past a list's depth limit (observed on github.com). */
export const paginationLimitedMessage =
  "In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.";

/** The last page number a capped list serves: the page holding item number `cap`. */
export function cappedLastPage(cap: number, perPage: number): number {
  return Math.max(1, Math.ceil(cap / perPage));
}

/**
 * One page of `items` by `page`/`per_page`, with its `link` header. With a
 * `cap` (items), as GitHub's repo-wide comment lists: `rel="last"` points no
 * further than the page holding item `cap`, and a deeper page is `limited`
 * (the caller answers 422 with paginationLimitedMessage).
 */
export function pageSlice<T>(
  req: FakeRequest,
  items: readonly T[],
  cap?: number,
): { items: T[]; headers: Record<string, string>; limited?: true } {
  const perPage = perPageOf(req.query);
  const page = pageOf(req.query);
  let lastPage = Math.max(1, Math.ceil(items.length / perPage));
  if (cap !== undefined) {
    const maxPage = cappedLastPage(cap, perPage);
    if (page > maxPage) return { items: [], headers: {}, limited: true };
    lastPage = Math.min(lastPage, maxPage);
  }
  const start = (page - 1) * perPage;
  const link = pageLinks(req, page, lastPage);
  return { items: items.slice(start, start + perPage), headers: link ? { link } : {} };
}
