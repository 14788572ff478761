// Lists GitHub pages no deeper than a fixed depth (the fake's listCapItems
// knob): paginateParallel reads the rest through windows of
// sort=updated&direction=asc&since, or fails when a list has no way past.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { ListCapError, paginateParallel } from "../../src/github/paginate-parallel.js";
import { testClient } from "./helpers/clients.js";

let fake: FakeGitHub;
let owner: string;
let repo: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 3 });
  owner = fake.dataset?.repo.ownerLogin ?? "";
  repo = fake.dataset?.repo.name ?? "";
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.configure({ listCapItems: null });
  fake.resetStats();
});

interface Item {
  id: number;
  updated_at: string;
}

async function read(route: string, pastCap: boolean, perPage: number): Promise<Item[]> {
  const client = testClient(fake.url, { token: fake.token });
  const out: Item[] = [];
  await paginateParallel<Item>(
    client,
    route,
    { owner, repo },
    {
      perPage,
      ...(pastCap ? { pastCap: "updated-windows" as const } : {}),
      onPage: (items) => void out.push(...items),
    },
  );
  return out;
}

const ids = (items: Item[]) => items.map((i) => i.id).sort((a, b) => a - b);

describe("paginateParallel past GitHub's pagination limit", () => {
  it.each(["GET /repos/{owner}/{repo}/issues/comments", "GET /repos/{owner}/{repo}/pulls/comments"])(
    "%s: every item exactly once, as without the limit",
    async (route) => {
      const uncapped = await read(route, true, 3);
      expect(uncapped.length).toBeGreaterThan(20);
      // Some items were edited later than others were created: the windows see them out of id order.
      fake.configure({ listCapItems: 7 });
      fake.resetStats();
      const capped = await read(route, true, 3);
      expect(capped).toHaveLength(uncapped.length);
      expect(ids(capped)).toEqual(ids(uncapped));
      expect(fake.stats.byStatus[422] ?? 0).toBeGreaterThan(0);
    },
  );

  it("a list whose rel=last stops short with no way past fails instead of ending short", async () => {
    fake.configure({ listCapItems: 7 });
    await expect(read("GET /repos/{owner}/{repo}/issues/comments", false, 3)).rejects.toThrow(ListCapError);
    await expect(read("GET /repos/{owner}/{repo}/issues/comments", false, 3)).rejects.toThrow(
      /issues\/comments stops at GitHub's pagination limit after 9 items/,
    );
  });

  it("a list whose last page is full but ends there costs one more request, no window", async () => {
    const all = await read("GET /repos/{owner}/{repo}/issues/comments", true, 4);
    expect(all.length % 4).toBe(0);
    expect(fake.stats.total).toBe(all.length / 4 + 1);
  });
});
