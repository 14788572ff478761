// A list that several jobs read (the repo-wide comment list feeds both
// issue_comments and pr_comments; the pulls list feeds pull_requests and
// pr_reviews). It is fetched once and each page is handed to every declared
// consumer as it arrives, so no job waits for another to finish and no page
// is requested twice. A consumer that comes back after the shared fetch was
// claimed (a retried job) gets a private fetch of its own.
import { AsyncQueue } from "./async-queue.js";

export interface FeedPage<T> {
  items: T[];
  /** 1-based page index, for callers that care about order. */
  page: number;
}

/** `emit` resolves once every consumer reading the feed has room for another page. */
export type FeedFetcher<T> = (
  emit: (page: FeedPage<T>) => Promise<void>,
  signal: AbortSignal,
) => Promise<void>;

/**
 * Pages a consumer that is reading may have waiting at most before the fetch
 * pauses: a consumer slower than the network (at 100 requests in flight,
 * writing records is) would otherwise have every page of a long list held.
 */
export const MAX_WAITING_PAGES = 4;

export class SharedFeed<T> {
  readonly #fetch: FeedFetcher<T>;
  readonly #signal: AbortSignal;
  readonly #queues: AsyncQueue<FeedPage<T>>[];
  #claimed = 0;
  #started = false;

  constructor(fetch: FeedFetcher<T>, consumers: number, signal: AbortSignal) {
    this.#fetch = fetch;
    this.#signal = signal;
    this.#queues = Array.from({ length: Math.max(consumers, 1) }, () => new AsyncQueue<FeedPage<T>>());
  }

  /** Every page of the list, in arrival order. */
  consume(): AsyncIterable<FeedPage<T>> {
    const queue = this.#queues[this.#claimed];
    if (queue === undefined) return this.#privateFetch();
    this.#claimed += 1;
    if (!this.#started) {
      this.#started = true;
      const queues = this.#queues;
      this.#fetch(async (page) => {
        for (const q of queues) q.push(page);
        // Only consumers that asked for the feed hold it back: one whose job
        // never runs must not stop the others.
        await Promise.all(queues.slice(0, this.#claimed).map((q) => q.room(MAX_WAITING_PAGES)));
      }, this.#signal).then(
        () => {
          for (const q of queues) q.end();
        },
        (error: unknown) => {
          for (const q of queues) q.end(error);
        },
      );
    }
    return queue;
  }

  #privateFetch(): AsyncIterable<FeedPage<T>> {
    const queue = new AsyncQueue<FeedPage<T>>();
    this.#fetch(async (page) => {
      queue.push(page);
      await queue.room(MAX_WAITING_PAGES);
    }, this.#signal).then(
      () => queue.end(),
      (error: unknown) => queue.end(error),
    );
    return queue;
  }
}
