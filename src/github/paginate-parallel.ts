// Page-parallel REST listing. When page 1's `link` header names the last page,
// pages 2..N are all submitted at once (the scheduler bounds them) and handed
// over as each arrives, with its index so a caller can restore order. Lists
// without rel="last" (the issues list's cursors) are walked via rel="next".
import PQueue from "p-queue";
import { abortErrorFor, anySignal, throwIfAborted } from "./abort.js";
import { responseMessageOf, statusOf } from "./classify-outcome.js";
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
  /**
   * How the list goes on past GitHub's depth limit (a page deeper than about
   * 30,000 items answers 422 and rel="last" stops short): "updated-windows"
   * for lists in ascending id order that take `sort=updated`, `direction` and
   * `since` (the repository-wide comment lists). Without it, a capped list
   * fails with ListCapError instead of ending silently short.
   */
  pastCap?: "updated-windows";
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
  const callerSignal = options.signal ?? new AbortController().signal;
  const requestOptions = (signal: AbortSignal): Record<string, unknown> => {
    const request: Record<string, unknown> = { signal, routeKey };
    if (options.priority !== undefined) request.priority = options.priority;
    return request;
  };
  let pages = 0;
  let items = 0;
  let nextIndex = firstPage;
  const deliver = async (list: T[], page: number): Promise<void> => {
    throwIfAborted(options.signal);
    items += list.length;
    pages++;
    nextIndex = Math.max(nextIndex, page + 1);
    await options.onPage(list, page);
  };

  const prefix = await walkPageNumbers<T>({
    fetchPage: async (page, signal, query) =>
      (await client.octokit.request(route, {
        ...params,
        ...query,
        per_page: perPage,
        page,
        request: requestOptions(signal),
      })) as PageResponse,
    firstPage,
    perPage,
    maxInFlight: options.maxInFlight,
    signal: options.signal,
    deliver: (list, page) => deliver(list, page),
  });
  if (prefix === null) return { pages: 0, items: 0 };

  if (prefix.kind === "numbered") {
    const capped = prefix.limitedAt !== undefined || (prefix.lastPageFull && (await deeperPageLimited()));
    if (capped) await pastTheCap(prefix.maxItem);
    return { pages, items };
  }

  // No rel="last": follow rel="next" one page at a time, as GitHub asks.
  await followNext(prefix.links.next);
  return { pages, items };

  /**
   * A full last page may only be where GitHub stopped counting: ask for the
   * page after it. Empty: the list really ends there. 422: the list is capped.
   * Items: the list grew while it was read; they are delivered and the rest
   * followed by rel="next".
   */
  async function deeperPageLimited(): Promise<boolean> {
    const page = nextIndex;
    let response: PageResponse;
    try {
      response = (await client.octokit.request(route, {
        ...params,
        per_page: perPage,
        page,
        request: requestOptions(callerSignal),
      })) as PageResponse;
    } catch (err) {
      if (isPaginationLimited(err)) return true;
      throw err;
    }
    const list = pageItems<T>(response.data);
    if (list.length === 0) return false;
    await deliver(list, page);
    await followNext(parseLinkHeader(response.headers.link).next);
    return false;
  }

  async function followNext(first: string | undefined): Promise<void> {
    // The link carries the query; only headers and media type must be carried over.
    const carried: Record<string, unknown> = {};
    if (params.headers !== undefined) carried.headers = params.headers;
    if (params.mediaType !== undefined) carried.mediaType = params.mediaType;
    let next = first;
    while (next) {
      throwIfAborted(options.signal);
      const response = (await client.octokit.request({
        method: "GET",
        url: next,
        ...carried,
        request: requestOptions(callerSignal),
      })) as PageResponse;
      await deliver(pageItems<T>(response.data), nextIndex);
      next = parseLinkHeader(response.headers.link).next;
    }
  }

  /**
   * GitHub pages this list no deeper than a fixed depth (about 30,000 items on
   * the repository-wide comment lists). Everything read so far is the lowest
   * ids in ascending order; the rest — every item with a higher id, created
   * no earlier than the highest seen — is read in windows of
   * `sort=updated&direction=asc&since=<T>`: each window is paged as deep as
   * GitHub allows, the next starts at the last `updated_at` it saw (the
   * overlap is dropped by id), until a window ends short of the limit.
   */
  async function pastTheCap(boundary: ItemKey | null): Promise<void> {
    if (options.pastCap !== "updated-windows")
      throw new ListCapError(route, items, "the list has no other way to read the rest");
    if (boundary === null) throw new ListCapError(route, items, "no item was read before the limit");
    const seen = new Set<number>();
    let since = boundary.created_at;
    for (;;) {
      throwIfAborted(options.signal);
      const window = await walkPageNumbers<T>({
        fetchPage: async (page, signal) =>
          (await client.octokit.request(route, {
            ...params,
            sort: "updated",
            direction: "asc",
            since,
            per_page: perPage,
            page,
            request: requestOptions(signal),
          })) as PageResponse,
        firstPage: 1,
        perPage,
        maxInFlight: options.maxInFlight,
        signal: options.signal,
        deliver: async (list) => {
          const fresh = list.filter((item) => {
            const id = keyOf(item).id;
            if (id <= boundary.id || seen.has(id)) return false;
            seen.add(id);
            return true;
          });
          await deliver(fresh, nextIndex);
        },
      });
      if (window === null) return;
      // One page with no links is the whole window unless it is full.
      const more =
        window.kind === "numbered" ? window.limitedAt !== undefined || window.lastPageFull : window.full;
      if (!more) return;
      const last = window.lastItem === null ? null : keyOf(window.lastItem).updated_at;
      if (last === null || last === since)
        throw new ListCapError(route, items, `more items than the limit share updated_at ${since}`);
      since = last;
    }
  }
}

/** What the past-the-cap windows need of an item. */
interface ItemKey {
  id: number;
  created_at: string;
  updated_at: string;
}

function keyOf(item: unknown): ItemKey {
  const record = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
  const { id, created_at, updated_at } = record;
  if (typeof id !== "number" || typeof created_at !== "string" || typeof updated_at !== "string")
    throw new Error("a list item past GitHub's pagination limit has no id, created_at or updated_at");
  return { id, created_at, updated_at };
}

/** A list GitHub stops paging before its end, with no other way to read the rest. */
export class ListCapError extends Error {
  constructor(route: string, read: number, why: string) {
    super(
      `${route.replace(/^GET /, "")} stops at GitHub's pagination limit after ${read} items and ${why}: the rest cannot be read`,
    );
    this.name = "ListCapError";
  }
}

/** GitHub's 422 for a page deeper than a list's limit. */
export function isPaginationLimited(err: unknown): boolean {
  return statusOf(err) === 422 && /pagination is limited/i.test(responseMessageOf(err) ?? "");
}

type WalkResult<T> =
  | {
      kind: "numbered";
      /** The first page that answered GitHub's "pagination is limited" 422. */
      limitedAt?: number;
      /** The last page had per_page items: the list may go on past rel="last". */
      lastPageFull: boolean;
      /** The last item of the deepest page read. */
      lastItem: T | null;
      /** The item with the highest id read (past-the-cap lists are in id order). */
      maxItem: ItemKey | null;
    }
  | { kind: "linked"; links: LinkRelations; full: boolean; lastItem: T | null };

interface WalkOptions<T> {
  fetchPage(page: number, signal: AbortSignal, query?: Record<string, unknown>): Promise<PageResponse>;
  firstPage: number;
  /** Items asked per page: a page this long may not be the list's end. */
  perPage: number;
  maxInFlight: number | undefined;
  signal: AbortSignal | undefined;
  deliver(items: T[], page: number): Promise<void>;
}

/**
 * Page 1 (or firstPage), then pages 2..rel="last" at once. Null for an empty
 * repository (409). Without rel="last", returns page 1's links for the caller
 * to follow. A page past GitHub's depth limit (422) ends the walk there.
 */
async function walkPageNumbers<T>(options: WalkOptions<T>): Promise<WalkResult<T> | null> {
  const { firstPage } = options;
  // One failing page stops its siblings; the caller's signal stops everything.
  const stop = new AbortController();
  const signal = anySignal(options.signal, stop.signal) as AbortSignal;
  let limitedAt: number | undefined;
  let deepest = { page: 0, full: false, last: null as T | null };
  let maxItem: ItemKey | null = null;
  const { perPage } = options;
  const deliver = async (response: PageResponse, page: number): Promise<void> => {
    const list = pageItems<T>(response.data);
    if (page > deepest.page) deepest = { page, full: list.length >= perPage, last: list.at(-1) ?? null };
    for (const item of list) {
      const key = looseKey(item);
      if (key !== null && (maxItem === null || key.id > maxItem.id)) maxItem = key;
    }
    await options.deliver(list, page);
  };
  const fetchRest = (lastPage: number): Promise<PromiseSettledResult<void>[]> => {
    const rest: number[] = [];
    for (let page = firstPage + 1; page <= lastPage; page++) rest.push(page);
    const fetchOne = async (page: number): Promise<void> => {
      try {
        await deliver(await options.fetchPage(page, signal), page);
      } catch (err) {
        if (isPaginationLimited(err)) {
          limitedAt = Math.min(limitedAt ?? page, page);
          return;
        }
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
  let lastPage: number | undefined;
  // The other pages are asked for before the first is handed over, so their
  // requests do not wait for its processing. A function of its own, so the
  // first page (megabytes for pull requests) is not kept alive by this frame
  // while the other pages load.
  const startWithFirst = async (): Promise<LinkRelations | null> => {
    let first: PageResponse;
    try {
      first = await options.fetchPage(firstPage, signal);
    } catch (err) {
      // As @octokit/plugin-paginate-rest: an empty repository answers 409 to list calls.
      if (statusOf(err) === 409 && firstPage === 1) return null;
      throw err;
    }
    const links = parseLinkHeader(first.headers.link);
    lastPage = links.last ? pageNumberOf(links.last) : undefined;
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
  if (links === null) return null;
  if (others === null) return { kind: "linked", links, full: deepest.full, lastItem: deepest.last };
  const results = await (others as Promise<PromiseSettledResult<void>[]>);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (options.signal?.aborted) throw abortErrorFor(options.signal);
  if (failed) throw failed.reason;
  return { kind: "numbered", limitedAt, lastPageFull: deepest.full, lastItem: deepest.last, maxItem };
}

/** An item's id and timestamps when it has them (most GitHub objects do). */
function looseKey(item: unknown): ItemKey | null {
  try {
    return keyOf(item);
  } catch {
    return null;
  }
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
