// A save that needs three times the primary (hourly) budget: with the fake's
// window shortened to 1 s, it pauses at each spent budget until the reset
// GitHub announces and finishes with the same files as an unlimited save.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { ENTITY_NAMES, type EntityName } from "../../src/entities/names.js";
import type { RequestStats } from "../../src/github/stats.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { entityFiles, saveRequest } from "./helpers.js";

let fake: FakeGitHub;
let root: string;
const selection = {
  entities: new Set<EntityName>(ENTITY_NAMES.filter((n) => n !== "git_repo")),
  issues: { kind: "all" as const },
  pullRequests: { kind: "all" as const },
};

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "medium", seed: 41 });
  root = mkdtempSync(join(tmpdir(), "gd-budget-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

/** Entity files; GitHub (and the fake) count our own asset downloads. */
function withoutDownloadCounts(dir: string): Record<string, string> {
  const out = entityFiles(dir);
  if (out["releases.jsonl"])
    out["releases.jsonl"] = out["releases.jsonl"].replace(/"download_count":\d+/g, "");
  return out;
}

describe("a save needing three hours' budget", () => {
  it("pauses until each announced reset, shows when it resumes, and ends identical to an unlimited save", async () => {
    const unlimitedDir = join(root, "unlimited");
    fake.resetStats();
    const unlimited = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, unlimitedDir, { selection }),
    );
    expect(unlimited.exitCode).toBe(0);
    const core = fake.stats.total - (fake.stats.byRoute["POST /graphql"] ?? 0);
    const graphql = fake.stats.byRoute["POST /graphql"] ?? 0;

    fake.configure({
      rateLimit: { limit: Math.ceil(core / 3), graphqlLimit: Math.ceil(graphql / 3) * 2, windowMs: 1000 },
    });
    const pauses: number[] = [];
    const limitedDir = join(root, "limited");
    const limited = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, limitedDir, {
        selection,
        onStats: (stats: RequestStats) => {
          if (stats.rateLimitPausedUntil !== undefined && pauses.at(-1) !== stats.rateLimitPausedUntil)
            pauses.push(stats.rateLimitPausedUntil);
        },
      }),
    );
    fake.configure({ rateLimit: null });
    expect(limited.exitCode).toBe(0);
    expect(limited.requests.rateLimitWaits).toBeGreaterThanOrEqual(2);
    expect(pauses.length).toBeGreaterThanOrEqual(2);
    expect(withoutDownloadCounts(limitedDir)).toEqual(withoutDownloadCounts(unlimitedDir));
  });
});
