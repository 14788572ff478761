// A body handed on without its Response must survive a garbage collection:
// undici cancels the stream of a collected Response unless it is locked, and
// the reader would then see a clean, empty end (an asset saved as 0 bytes).
// The collections are forced, so the test does not depend on GC timing.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { createStorageDownloader } from "../../src/github/storage-download.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Full collections, each followed by a turn of the event loop so finalizers run. */
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function byteCount(body: AsyncIterable<Uint8Array>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += chunk.length;
  return bytes;
}

let fake: FakeGitHub;
let owner: string;
let repo: string;
let asset: { id: number; size: number };
beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 1 });
  owner = fake.dataset?.owner.login as string;
  repo = fake.dataset?.repo.name as string;
  const first = fake.dataset?.repo.releases.flatMap((r) => r.assets)[0];
  if (!first) throw new Error("the small dataset has no release asset");
  asset = { id: first.id, size: first.data.length };
});
afterAll(async () => {
  await fake.close();
});

describe("bodies read after a garbage collection", () => {
  /** The asset's bytes (`Accept: application/octet-stream`), its body left unparsed. */
  const requestAsset = (redirect: "manual" | "follow") =>
    createGitHubClient({ token: fake.token, apiUrl: fake.url, concurrency: 2 }).octokit.request(
      "GET /repos/{owner}/{repo}/releases/assets/{asset_id}",
      {
        owner,
        repo,
        asset_id: asset.id,
        headers: { accept: "application/octet-stream" },
        request: { redirect, parseSuccessResponseBody: false },
      },
    );

  it("arrive whole from file storage", async () => {
    const redirect = await requestAsset("manual");
    const storage = createStorageDownloader({ concurrency: 1, timeoutMs: 10_000 });
    const bytes = await storage.download(String(redirect.headers.location), undefined, async (body) => {
      await collectGarbage();
      return byteCount(body);
    });
    expect(bytes).toBe(asset.size);
  });

  it("arrive whole through the scheduler when the caller reads the raw body", async () => {
    const response = await requestAsset("follow");
    expect(response.status).toBe(200);
    await collectGarbage();
    expect(await byteCount(response.data as unknown as AsyncIterable<Uint8Array>)).toBe(asset.size);
  });
});
