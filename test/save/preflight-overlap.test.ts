// The repository check runs alongside the jobs' first requests. Whatever the
// order of the answers, no job may see one (and write anything) before the
// check has passed and the folder is claimed.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { type SaveRepositoryRequest, SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { saveRequest } from "./helpers.js";

let fake: FakeGitHub;
let root: string;
beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 1 });
  root = mkdtempSync(join(tmpdir(), "gd-preflight-"));
});
beforeEach(() => fake.configure({ script: [] }));
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

const PREFLIGHT = /\/repos\/octo-org\/sample$/;

/** A fetch that answers the repository check only after `others` other requests were answered. */
function checkAnsweredLast(others: number): { fetch: typeof fetch; answeredBeforeCheck: () => number } {
  let answered = 0;
  let release: () => void = () => {};
  const othersDone = new Promise<void>((resolve) => {
    release = resolve;
  });
  let beforeCheck = -1;
  const fetchThrough: typeof fetch = async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    if (PREFLIGHT.test(url)) {
      await othersDone;
      beforeCheck = answered;
      return fetch(input, init);
    }
    const response = await fetch(input, init);
    if (++answered === others) release();
    return response;
  };
  return { fetch: fetchThrough, answeredBeforeCheck: () => beforeCheck };
}

function request(outDir: string, fetchThrough: typeof fetch): SaveRepositoryRequest {
  return saveRequest(fake, outDir, { entities: ["labels", "milestones"], client: { fetch: fetchThrough } });
}

describe("the repository check alongside the first requests", () => {
  it("writes nothing when the check fails after the jobs' answers arrived", async () => {
    fake.configure({ script: [{ route: "GET /repos/{owner}/{repo}", status: 404 }] });
    const outDir = join(root, "failed");
    const probe = checkAnsweredLast(2);
    await expect(new SaveRepositoryUseCase().execute(request(outDir, probe.fetch))).rejects.toThrow(
      /repository octo-org\/sample does not exist or is not visible to this token \(404\)/,
    );
    expect(probe.answeredBeforeCheck()).toBe(2);
    expect(existsSync(outDir)).toBe(false);
  });

  it("downloads no asset before the check, even with every redirect answered", async () => {
    fake.configure({ script: [{ route: "GET /repos/{owner}/{repo}", status: 404 }] });
    const outDir = join(root, "failed-assets");
    const assets = (fake.dataset?.repo.releases ?? []).reduce((n, r) => n + r.assets.length, 0);
    expect(assets).toBeGreaterThan(0);
    // labels, milestones, the releases page and every asset's redirect.
    const others = 3 + assets;
    const probe = checkAnsweredLast(others);
    const save = new SaveRepositoryUseCase().execute(
      saveRequest(fake, outDir, {
        entities: ["labels", "milestones", "releases", "release_assets"],
        client: { fetch: probe.fetch },
      }),
    );
    await expect(save).rejects.toThrow(/does not exist or is not visible to this token \(404\)/);
    expect(probe.answeredBeforeCheck()).toBe(others);
    expect(existsSync(outDir)).toBe(false);
  });

  it("saves normally when the check is answered last", async () => {
    const outDir = join(root, "passed");
    const probe = checkAnsweredLast(2);
    const result = await new SaveRepositoryUseCase().execute(request(outDir, probe.fetch));
    expect(result.exitCode).toBe(0);
    expect(probe.answeredBeforeCheck()).toBe(2);
    expect(readdirSync(outDir).sort()).toEqual(["labels.jsonl", "manifest.json", "milestones.jsonl"]);
    expect(result.results.map((r) => [r.name, r.status])).toEqual([
      ["labels", "succeeded"],
      ["milestones", "succeeded"],
    ]);
  });
});
