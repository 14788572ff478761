import { describe, expect, it } from "vitest";
import {
  type Connection,
  checkPageArgs,
  decodeCursor,
  encodeCursor,
  paginate,
  sortByKey,
} from "../../../fake-github/graphql/connection.js";
import { GitHubFieldError } from "../../../fake-github/graphql/errors.js";

type Item = { id: number; at: string };
const items: Item[] = Array.from({ length: 10 }, (_, i) => ({
  id: i + 1,
  at: `2026-01-0${(i % 3) + 1}T00:00:00Z`,
}));
const key = (item: Item) => [item.at, item.id];
const sorted = sortByKey(items, key);

function errorOf(fn: () => unknown): GitHubFieldError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GitHubFieldError) return error;
    throw error;
  }
  throw new Error("expected an error");
}

describe("connection pagination", () => {
  it("walks forward to the end with after", () => {
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Connection<Item> = paginate("issues", { first: 3, after }, sorted, key);
      pages++;
      expect(page.totalCount).toBe(10);
      seen.push(...page.nodes.map((n) => n.id));
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toEqual(sorted.map((n) => n.id));
  });

  it("walks backward to the start with last/before", () => {
    const seen: number[] = [];
    let before: string | null = null;
    for (;;) {
      const page: Connection<Item> = paginate("issues", { last: 4, before }, sorted, key);
      seen.unshift(...page.nodes.map((n) => n.id));
      expect(page.pageInfo.hasNextPage).toBe(before !== null);
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(seen).toEqual(sorted.map((n) => n.id));
  });

  it("keys cursors on the item, so a removed item does not shift the next page", () => {
    const first = paginate("issues", { first: 3 }, sorted, key);
    const rest = sorted.filter((n) => n.id !== first.nodes[0]?.id);
    const next = paginate("issues", { first: 3, after: first.pageInfo.endCursor }, rest, key);
    expect(next.nodes.map((n) => n.id)).toEqual(sorted.slice(3, 6).map((n) => n.id));
  });

  it("supports descending order and edges with cursors", () => {
    const desc = sortByKey(items, key, true);
    const page = paginate("issues", { first: 2 }, desc, key, true);
    expect(page.nodes.map((n) => n.id)).toEqual(desc.slice(0, 2).map((n) => n.id));
    const next = paginate("issues", { first: 2, after: page.edges[1]?.cursor }, desc, key, true);
    expect(next.nodes.map((n) => n.id)).toEqual(desc.slice(2, 4).map((n) => n.id));
  });

  it("answers an empty page with null cursors", () => {
    const page = paginate("issues", { first: 5 }, [], key);
    expect(page).toEqual({
      totalCount: 0,
      nodes: [],
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it("uses opaque base64 cursors that round-trip", () => {
    const cursor = encodeCursor(["2026-01-01T00:00:00Z", 7]);
    expect(cursor).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodeCursor(cursor)).toEqual(["2026-01-01T00:00:00Z", 7]);
    expect(decodeCursor("not a cursor")).toBeNull();
    expect(decodeCursor(Buffer.from("other:v2:[1]").toString("base64"))).toBeNull();
  });

  it("raises GitHub's argument errors", () => {
    expect(errorOf(() => checkPageArgs("issues", {}))).toMatchObject({
      type: "MISSING_PAGINATION_BOUNDARIES",
      message: "You must provide a `first` or `last` value to properly paginate the `issues` connection.",
    });
    expect(errorOf(() => checkPageArgs("issues", { first: 101 }))).toMatchObject({
      type: "EXCESSIVE_PAGINATION",
      message: "Requesting 101 records on the `issues` connection exceeds the `first` limit of 100 records.",
    });
    expect(errorOf(() => checkPageArgs("comments", { last: 250 })).message).toBe(
      "Requesting 250 records on the `comments` connection exceeds the `last` limit of 100 records.",
    );
    expect(errorOf(() => paginate("issues", { first: 1, after: "bogus" }, sorted, key)).type).toBe(
      "INVALID_CURSOR_ARGUMENTS",
    );
    expect(() => checkPageArgs("issues", { first: 100 })).not.toThrow();
  });
});
