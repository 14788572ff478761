// Release asset bytes come from file storage after the API's redirect. The
// storage download must not hold one of the scheduler's API slots, and the
// token must never travel to storage (in production another host).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { saveRequest } from "./helpers.js";

let fake: FakeGitHub;
let root: string;
beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 1 });
  root = mkdtempSync(join(tmpdir(), "gd-assets-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

function headerOf(init: RequestInit | undefined, name: string): string | null {
  return new Headers(init?.headers).get(name);
}

describe("release asset downloads", () => {
  it("free their API slot before the bytes are fetched, and never send the token to storage", async () => {
    const assetRequests = (fake.dataset?.repo.releases ?? []).reduce((n, r) => n + r.assets.length, 0);
    expect(assetRequests).toBeGreaterThan(1);
    // With one API slot, the first storage download waits until a second
    // asset redirect has been answered: that can only happen if the first
    // download does not hold the slot (otherwise the save would never end).
    let redirectsAnswered = 0;
    let releaseStorage: () => void = () => {};
    const secondRedirect = new Promise<void>((resolve) => {
      releaseStorage = resolve;
    });
    const storageAuth: Array<string | null> = [];
    const fetchThrough: typeof fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url.includes("/_storage/")) {
        storageAuth.push(headerOf(init, "authorization"));
        await secondRedirect;
        return fetch(input, init);
      }
      const response = await fetch(input, init);
      if (/\/releases\/assets\/\d+/.test(url) && ++redirectsAnswered === 2) releaseStorage();
      return response;
    };
    const outDir = join(root, "backup");
    const result = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, outDir, {
        entities: ["releases", "release_assets"],
        client: { concurrency: 1, fetch: fetchThrough },
      }),
    );
    expect(result.exitCode).toBe(0);
    expect(redirectsAnswered).toBe(assetRequests);
    expect(storageAuth).toHaveLength(assetRequests);
    expect(storageAuth.every((auth) => auth === null)).toBe(true);
    const files = readdirSync(join(outDir, "release-assets"), { recursive: true, withFileTypes: true });
    expect(files.filter((f) => f.isFile())).toHaveLength(assetRequests);
  });
});
