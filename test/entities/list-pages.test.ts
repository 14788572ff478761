// A job's own list is asked for at most 16 pages at a time: a long list is
// never all held at once behind a job slower than the network.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { listPages } from "../../src/entities/shared/write-pages.js";
import { createGitHubClient } from "../../src/github/client.js";

let fake: FakeGitHub;
beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "medium", seed: 1 });
});
afterAll(async () => {
  await fake.close();
});

describe("listPages", () => {
  it("has at most 16 pages of a 40-page list in flight, and hands over every page once", async () => {
    const client = createGitHubClient({ token: fake.token, apiUrl: fake.url });
    const ctx = { client, repo: { owner: "octo-org", repo: "sample" }, signal: new AbortController().signal };
    // Requests the list has asked for and not yet got back, however long the scheduler holds them.
    let asked = 0;
    let peak = 0;
    client.octokit.hook.wrap("request", async (request, options) => {
      asked += 1;
      peak = Math.max(peak, asked);
      try {
        return await request(options);
      } finally {
        asked -= 1;
      }
    });
    const pages: number[] = [];
    let items = 0;
    for await (const page of listPages(ctx, "GET /repos/{owner}/{repo}/issues/comments")) {
      pages.push(page.page);
      items += page.items.length;
      // A slow job: the list waits for it.
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    }
    const counts = fake.dataset?.counts;
    expect(items).toBe((counts?.issueComments ?? 0) + (counts?.prComments ?? 0));
    expect(pages.length).toBe(Math.ceil(items / 100));
    expect(pages.length).toBeGreaterThan(16);
    expect(new Set(pages).size).toBe(pages.length);
    expect(peak).toBeLessThanOrEqual(16);
  });
});
