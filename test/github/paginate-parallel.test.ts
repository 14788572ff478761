// paginateParallel against a scripted server: page-number lists with
// rel="last" fetched concurrently, cursor lists followed via rel="next".
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  fetchAll,
  pageItems,
  paginateParallel,
  parseLinkHeader,
} from "../../src/github/paginate-parallel.js";
import { testClient } from "./helpers/clients.js";
import {
  deferred,
  type Reply,
  type ScriptServer,
  type SeenRequest,
  startScriptServer,
} from "./helpers/script-server.js";

let server: ScriptServer;

beforeAll(async () => {
  server = await startScriptServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
});

/** Page-numbered list of `total` numbers with GitHub's link header. */
function numberedList(total: number, delayMs = 0) {
  return (req: SeenRequest): Reply => {
    const perPage = Number(req.query.get("per_page") ?? 30);
    const page = Number(req.query.get("page") ?? 1);
    const last = Math.max(1, Math.ceil(total / perPage));
    const items = Array.from({ length: total }, (_, i) => i + 1).slice((page - 1) * perPage, page * perPage);
    const link = (p: number) => `<${server.url}${req.path}?per_page=${perPage}&page=${p}>`;
    const links: string[] = [];
    if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`);
    if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`);
    const headers: Record<string, string> = links.length ? { link: links.join(", ") } : {};
    return { delayMs, headers, body: items };
  };
}

describe("paginateParallel", () => {
  it("fetches pages 2..N concurrently and reports each page's index", async () => {
    server.setHandler(numberedList(950, 5));
    const client = testClient(server.url, { concurrency: 8 });
    const seen = new Map<number, number[]>();
    const result = await paginateParallel<number>(
      client,
      "GET /repos/{owner}/{repo}/labels",
      { owner: "o", repo: "r" },
      { onPage: (items, page) => void seen.set(page, items) },
    );
    expect(result).toEqual({ pages: 10, items: 950 });
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const ordered = [...seen.entries()].sort(([a], [b]) => a - b).flatMap(([, items]) => items);
    expect(ordered).toEqual(Array.from({ length: 950 }, (_, i) => i + 1));
    expect(server.peakInFlight).toBeGreaterThan(1);
    expect(server.peakInFlight).toBeLessThanOrEqual(8);
    expect(server.requests.every((r) => r.query.get("per_page") === "100")).toBe(true);
    expect(client.stats().byRoute).toEqual({ "GET /repos/{owner}/{repo}/labels": 10 });
  });

  it("keeps at most maxInFlight pages of one list in flight, and still gets every page", async () => {
    server.setHandler(numberedList(950, 5));
    const client = testClient(server.url, { concurrency: 8 });
    const seen = new Map<number, number[]>();
    const result = await paginateParallel<number>(
      client,
      "GET /repos/{owner}/{repo}/pulls",
      { owner: "o", repo: "r" },
      { maxInFlight: 2, onPage: (items, page) => void seen.set(page, items) },
    );
    expect(result).toEqual({ pages: 10, items: 950 });
    expect(server.peakInFlight).toBe(2);
    const ordered = [...seen.entries()].sort(([a], [b]) => a - b).flatMap(([, items]) => items);
    expect(ordered).toEqual(Array.from({ length: 950 }, (_, i) => i + 1));
  });

  it("follows rel=next one page at a time when there is no rel=last (cursor lists)", async () => {
    const cursors = ["", "Y3Vyc29yOjEwMA==", "Y3Vyc29yOjIwMA==", "Y3Vyc29yOjMwMA=="];
    server.setHandler((req) => {
      const after = req.query.get("after") ?? "";
      const index = cursors.indexOf(after);
      const next = cursors[index + 1];
      const headers: Record<string, string> = next
        ? {
            link: `<${server.url}${req.path}?per_page=100&state=all&after=${encodeURIComponent(next)}>; rel="next"`,
          }
        : {};
      return { delayMs: 2, headers, body: [{ id: index * 2 + 1 }, { id: index * 2 + 2 }] };
    });
    const client = testClient(server.url, { concurrency: 8 });
    const pages: number[] = [];
    const result = await paginateParallel<{ id: number }>(
      client,
      "GET /repos/{owner}/{repo}/issues",
      { owner: "o", repo: "r", state: "all" },
      { onPage: (_items, page) => void pages.push(page) },
    );
    expect(result).toEqual({ pages: 4, items: 8 });
    expect(pages).toEqual([1, 2, 3, 4]);
    expect(server.peakInFlight).toBe(1);
    expect(server.requests.map((r) => r.query.get("after"))).toEqual([null, ...cursors.slice(1)]);
    expect(server.requests[0]?.query.get("state")).toBe("all");
    // Followed links count under the route template, not the concrete URL.
    expect(client.stats().byRoute).toEqual({ "GET /repos/{owner}/{repo}/issues": 4 });
  });

  it("unwraps {total_count, items} bodies", async () => {
    server.setHandler(() => ({
      body: { total_count: 2, incomplete_results: false, items: [{ a: 1 }, { a: 2 }] },
    }));
    const client = testClient(server.url);
    expect(await fetchAll(client, "GET /search/issues", { q: "x" })).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it("treats 409 (empty repository) as an empty list", async () => {
    server.setHandler(() => ({ status: 409, body: { message: "Git Repository is empty." } }));
    const client = testClient(server.url);
    const result = await paginateParallel(
      client,
      "GET /repos/{o}/{r}/commits",
      { o: "a", r: "b" },
      { onPage: () => {} },
    );
    expect(result).toEqual({ pages: 0, items: 0 });
  });

  it("stops the other pages and rethrows when one page fails", async () => {
    const hold = deferred();
    const list = numberedList(1000);
    server.setHandler((req) => {
      const page = Number(req.query.get("page"));
      if (page === 3) return { status: 404, body: { message: "Not Found" } };
      if (page > 3) return { ...list(req), until: hold.promise };
      return list(req);
    });
    const client = testClient(server.url, { concurrency: 2 });
    const pages: number[] = [];
    try {
      await expect(
        paginateParallel(client, "GET /x", {}, { onPage: (_i, page) => void pages.push(page) }),
      ).rejects.toMatchObject({ status: 404 });
      // Pages still queued behind the failure were never sent.
      expect(server.requests.length).toBeLessThan(10);
      expect(pages).not.toContain(3);
    } finally {
      hold.resolve();
    }
  });

  it("resumes from a given page", async () => {
    server.setHandler(numberedList(500));
    const client = testClient(server.url);
    const items = await new Promise<number[]>((resolve, reject) => {
      const got: number[] = [];
      paginateParallel<number>(
        client,
        "GET /x",
        {},
        { resumeFromPage: 4, onPage: (list) => void got.push(...list) },
      )
        .then(() => resolve(got.sort((a, b) => a - b)))
        .catch(reject);
    });
    expect(items).toEqual(Array.from({ length: 200 }, (_, i) => 301 + i));
  });

  it("aborts with the caller's signal", async () => {
    server.setHandler(numberedList(1000, 2));
    const client = testClient(server.url, { concurrency: 1 });
    const controller = new AbortController();
    await expect(
      paginateParallel(
        client,
        "GET /x",
        {},
        {
          signal: controller.signal,
          onPage: (_items, page) => {
            if (page === 1) controller.abort();
          },
        },
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests.length).toBeLessThan(10);
  });
});

describe("link and body helpers", () => {
  it("parses GitHub's link header", () => {
    expect(
      parseLinkHeader(
        '<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"',
      ),
    ).toEqual({ next: "https://api.github.com/x?page=2", last: "https://api.github.com/x?page=5" });
    expect(parseLinkHeader(undefined)).toEqual({});
  });

  it("normalises list bodies", () => {
    expect(pageItems([1, 2])).toEqual([1, 2]);
    expect(pageItems({ total_count: 1, repositories: [3] })).toEqual([3]);
    expect(pageItems("")).toEqual([]);
  });
});
