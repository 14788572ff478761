// Page-parallel REST listing. When page 1's `link` header names the last page,
// pages 2..N are all submitted at once (the scheduler bounds them) and handed
// over as each arrives, with its index so a caller can restore order. Lists
// without rel="last" (the issues list's cursors) are walked via rel="next".
import PQueue from "p-queue";
import { abortErrorFor, anySignal, throwIfAborted } from "./abort.js";
import { statusOf } from "./classify-outcome.js";
import type { GitHubClient } from "./client.js";
import type { RequestPriority } from "./priorities.js";
import { routeKeyFromRoute } from "./route-key.js";

export interface PaginateOptions<T> {
  /** Called once per page; `page` is the page's 1-based index in the listing. */
  onPage(items: T[], page: number): void | Promise<void>;
  signal?: AbortSignal;
  /** Items per page (default 100, GitHub's maximum). */
  perPage?: number;
  /** First page to fetch (page-numbered lists only; default 1). */
  resumeFromPage?: number;
  /** Scheduler priority of these requests (higher first). */
  priority?: RequestPriority;
  /**
   * Pages of this list in flight at most (default: as many as the scheduler
   * allows). For lists whose pages are megabytes each, so a burst of them does
   * not have to be held in memory at once.
   */
  maxInFlight?: number;
}

export interface PaginateResult {
  pages: number;
  items: number;
}

export interface LinkRelations {
  next?: string;
  last?: string;
  prev?: string;
  first?: string;
}

export function parseLinkHeader(header: unknown): LinkRelations {
  const out: LinkRelations = {};
  if (typeof header !== "string") return out;
  for (const part of header.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="([^"]+)"/.exec(part);
    if (!match) continue;
    const [, url, rels] = match;
    for (const rel of (rels as string).split(/\s+/)) {
      if (rel === "next" || rel === "last" || rel === "prev" || rel === "first") out[rel] = url as string;
    }
  }
  return out;
}

function pageNumberOf(url: string): number | undefined {
  try {
    const value = Number(new URL(url).searchParams.get("page"));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A list page's items: an array body as is, `{ total_count, <items> }` search-
 * style bodies unwrapped (as @octokit/plugin-paginate-rest does), empty for 204.
 */
export function pageItems<T>(data: unknown): T[] {
  if (Array.isArray(data)) return data as T[];
  if (typeof data !== "object" || data === null) return [];
  const record = data as Record<string, unknown>;
  if (!("total_count" in record)) return [];
  const lists = Object.entries(record).filter(
    ([key, value]) =>
      Array.isArray(value) && !["incomplete_results", "repository_selection", "total_count"].includes(key),
  );
  return lists.length === 1 ? ((lists[0] as [string, unknown])[1] as T[]) : [];
}

interface PageResponse {
  data: unknown;
  headers: Record<string, string | number | undefined>;
}

export async function paginateParallel<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  options: PaginateOptions<T>,
): Promise<PaginateResult> {
  const perPage = options.perPage ?? 100;
  const firstPage = options.resumeFromPage ?? 1;
  const routeKey = routeKeyFromRoute(route);
  // One failing page stops its siblings; the caller's signal stops everything.
  const stop = new AbortController();
  const signal = anySignal(options.signal, stop.signal) as AbortSignal;
  const requestOptions = (): Record<string, unknown> => {
    const request: Record<string, unknown> = { signal, routeKey };
    if (options.priority !== undefined) request.priority = options.priority;
    return request;
  };
  const fetchPage = async (page: number): Promise<PageResponse> =>
    (await client.octokit.request(route, {
      ...params,
      per_page: perPage,
      page,
      request: requestOptions(),
    })) as PageResponse;

  let pages = 1;
  let items = 0;
  const deliver = async (response: PageResponse, page: number): Promise<void> => {
    throwIfAborted(options.signal);
    const list = pageItems<T>(response.data);
    items += list.length;
    await options.onPage(list, page);
  };
  const fetchRest = (lastPage: number): Promise<PromiseSettledResult<void>[]> => {
    const rest: number[] = [];
    for (let page = firstPage + 1; page <= lastPage; page++) rest.push(page);
    const fetchOne = async (page: number): Promise<void> => {
      try {
        await deliver(await fetchPage(page), page);
        pages++;
      } catch (err) {
        stop.abort(err);
        throw err;
      }
    };
    const limit = options.maxInFlight;
    if (limit === undefined || limit >= rest.length) return Promise.allSettled(rest.map(fetchOne));
    const queue = new PQueue({ concurrency: Math.max(1, limit) });
    return Promise.allSettled(rest.map((page) => queue.add(() => fetchOne(page))));
  };
  let others: Promise<PromiseSettledResult<void>[]> | null = null;
  // The other pages are asked for before the first is handed over, so their
  // requests do not wait for its processing. A function of its own, so the
  // first page (megabytes for pull requests) is not kept alive by this frame
  // while the other pages load.
  const startWithFirst = async (): Promise<LinkRelations | null> => {
    let first: PageResponse;
    try {
      first = await fetchPage(firstPage);
    } catch (err) {
      // As @octokit/plugin-paginate-rest: an empty repository answers 409 to list calls.
      if (statusOf(err) === 409 && firstPage === 1) return null;
      throw err;
    }
    const links = parseLinkHeader(first.headers.link);
    const lastPage = links.last ? pageNumberOf(links.last) : undefined;
    if (lastPage !== undefined) others = fetchRest(lastPage);
    await deliver(first, firstPage);
    return links;
  };
  let links: LinkRelations | null;
  try {
    links = await startWithFirst();
  } catch (err) {
    stop.abort(err);
    await others;
    throw err;
  }
  if (links === null) return { pages: 0, items: 0 };
  if (others !== null) {
    const results = await (others as Promise<PromiseSettledResult<void>[]>);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (options.signal?.aborted) throw abortErrorFor(options.signal);
    if (failed) throw failed.reason;
    return { pages, items };
  }

  // No rel="last": follow rel="next" one page at a time, as GitHub asks.
  // The link carries the query; only headers and media type must be carried over.
  const carried: Record<string, unknown> = {};
  if (params.headers !== undefined) carried.headers = params.headers;
  if (params.mediaType !== undefined) carried.mediaType = params.mediaType;
  let next = links.next;
  let page = firstPage;
  while (next) {
    throwIfAborted(options.signal);
    page++;
    const response = (await client.octokit.request({
      method: "GET",
      url: next,
      ...carried,
      request: requestOptions(),
    })) as PageResponse;
    await deliver(response, page);
    pages++;
    next = parseLinkHeader(response.headers.link).next;
  }
  return { pages, items };
}

/** Every item of a listing, in page order. */
export async function fetchAll<T>(
  client: GitHubClient,
  route: string,
  params: Record<string, unknown>,
  options: { signal?: AbortSignal; perPage?: number; priority?: RequestPriority } = {},
): Promise<T[]> {
  const byPage = new Map<number, T[]>();
  await paginateParallel<T>(client, route, params, {
    ...options,
    onPage: (list, page) => {
      byPage.set(page, list);
    },
  });
  return [...byPage.keys()].sort((a, b) => a - b).flatMap((page) => byPage.get(page) as T[]);
}
