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

export type FeedFetcher<T> = (emit: (page: FeedPage<T>) => void, signal: AbortSignal) => Promise<void>;

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
      this.#fetch((page) => {
        for (const q of queues) q.push(page);
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
    this.#fetch((page) => queue.push(page), this.#signal).then(
      () => queue.end(),
      (error: unknown) => queue.end(error),
    );
    return queue;
  }
}
