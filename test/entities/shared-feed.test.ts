// A list read by several jobs holds back its fetch while a reading job has
// pages waiting, so a slow consumer does not make the save hold the whole list;
// a declared consumer that never reads does not hold it back.
import { describe, expect, it } from "vitest";
import { type FeedPage, SharedFeed } from "../../src/entities/shared/shared-feed.js";

/** A fetch of `pages` pages that records how many it has emitted. */
function counting(pages: number): {
  emitted: () => number;
  fetch: ConstructorParameters<typeof SharedFeed<number>>[0];
} {
  let emitted = 0;
  return {
    emitted: () => emitted,
    fetch: async (emit) => {
      for (let page = 1; page <= pages; page++) {
        emitted = page;
        await emit({ items: [page], page });
      }
    },
  };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe("SharedFeed", () => {
  it("pauses the fetch while a reading consumer has 4 pages waiting, and goes on as it reads", async () => {
    const source = counting(20);
    const feed = new SharedFeed<number>(source.fetch, 1, new AbortController().signal);
    const pages = feed.consume()[Symbol.asyncIterator]();
    await settle();
    expect(source.emitted()).toBe(4);
    await pages.next();
    await settle();
    expect(source.emitted()).toBe(5);
    const seen: FeedPage<number>[] = [];
    for (;;) {
      const next = await pages.next();
      if (next.done) break;
      seen.push(next.value);
    }
    expect(seen.map((p) => p.page)).toEqual(Array.from({ length: 19 }, (_, i) => i + 2));
  });

  it("is not held back by a declared consumer that never asks for it", async () => {
    const source = counting(20);
    const feed = new SharedFeed<number>(source.fetch, 2, new AbortController().signal);
    const read: number[] = [];
    for await (const page of feed.consume()) read.push(page.page);
    expect(read).toHaveLength(20);
  });
});
