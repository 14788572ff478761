// The pipeline most jobs share: pages of GitHub objects arrive (from a list
// or a shared feed), each object is mapped to a record (or dropped by the
// selection), and records stream into the job's sorted, atomic file.
import type { CarriedLine, WholeFile } from "../../backup/merge-sorted-lines.js";
import type { SortKey } from "../../backup/sorted-jsonl-writer.js";
import { type PaginateOptions, paginateParallel } from "../../github/paginate-parallel.js";
import type { EntitySaveResult, SaveContext } from "../types.js";
import { AsyncQueue } from "./async-queue.js";
import { MAX_WAITING_PAGES } from "./shared-feed.js";
import type { FeedPage, RestObject } from "./sources.js";

export interface WritePagesOptions<T> {
  file: string;
  sortKey: (record: T) => SortKey;
  /** A record, or null when the selection leaves the object out. */
  map: (item: RestObject) => T | null | Promise<T | null>;
}

/**
 * Opens the job's file, lets `produce` add records, and finishes it (or
 * removes it on failure). `carried`: a previous save's lines kept in the file
 * as they are (SortedJsonlWriter.carry).
 */
export async function writeRecords<T>(
  ctx: SaveContext,
  file: string,
  sortKey: (record: T) => SortKey,
  produce: (add: (record: T) => Promise<void>) => Promise<void>,
  carried?: () => AsyncIterable<CarriedLine<T>>,
  whole?: WholeFile,
): Promise<EntitySaveResult> {
  const writer = ctx.openWriter<T>(file, sortKey);
  try {
    if (carried !== undefined) writer.carry(carried, whole);
    await produce((record) => writer.add(record));
    const summary = await writer.finish();
    return { records: summary.records, files: [summary] };
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export function writePages<T>(
  ctx: SaveContext,
  pages: AsyncIterable<FeedPage<RestObject>>,
  options: WritePagesOptions<T>,
): Promise<EntitySaveResult> {
  return writeRecords<T>(ctx, options.file, options.sortKey, async (add) => {
    let pageCount = 0;
    let records = 0;
    for await (const page of pages) {
      ctx.signal.throwIfAborted();
      // Mapping may do I/O (release assets), so a page's items map concurrently.
      for (const record of await Promise.all(page.items.map((item) => options.map(item)))) {
        if (record === null) continue;
        await add(record);
        records += 1;
      }
      pageCount += 1;
      ctx.progress({ items: records, pages: pageCount });
    }
  });
}

/**
 * Pages of one list asked for at once when the caller sets no bound. With the
 * wait for the job below, what a long list makes the save hold: `large`'s
 * 90 pages of review comments (about 200 KB each once parsed) all arrived at
 * once and waited behind the job writing them, a third of its heap.
 */
const LIST_PAGES_IN_FLIGHT = 16;

/**
 * The pages of one list endpoint as an async iterable (pages 2..N fetched
 * concurrently where possible, up to LIST_PAGES_IN_FLIGHT at once; a page is
 * handed over only while the job has fewer than MAX_WAITING_PAGES waiting,
 * and holds its request's slot until then).
 */
export function listPages(
  ctx: Pick<SaveContext, "client" | "repo" | "signal">,
  route: string,
  params: Record<string, unknown> = {},
  options: Pick<PaginateOptions<RestObject>, "priority" | "pastCap"> = {},
): AsyncIterable<FeedPage<RestObject>> {
  const queue = new AsyncQueue<FeedPage<RestObject>>();
  paginateParallel<RestObject>(
    ctx.client,
    route,
    { owner: ctx.repo.owner, repo: ctx.repo.repo, ...params },
    {
      signal: ctx.signal,
      maxInFlight: LIST_PAGES_IN_FLIGHT,
      ...options,
      onPage: async (items, page) => {
        queue.push({ items, page });
        await queue.room(MAX_WAITING_PAGES);
      },
    },
  ).then(
    () => queue.end(),
    (error: unknown) => queue.end(error),
  );
  return queue;
}
