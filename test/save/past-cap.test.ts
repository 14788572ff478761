// A repository beyond GitHub's pagination limit on both repository-wide
// comment lists (the fake's listCapItems, lowered so the test stays fast):
// the save reads every comment, byte-identical to a save without the limit.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { entityFiles, saveRequest } from "./helpers.js";

const CAP = 300;
let fake: FakeGitHub;
let root: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "medium", seed: 5 });
  root = mkdtempSync(join(tmpdir(), "gd-cap-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

const selection = {
  entities: new Set<EntityName>([
    "issue_comments",
    "pr_comments",
    "pr_review_comments",
    "issues",
    "pull_requests",
    "pr_reviews",
  ]),
  issues: { kind: "all" as const },
  pullRequests: { kind: "all" as const },
};

async function save(name: string): Promise<string> {
  const dir = join(root, name);
  const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, dir, { selection }));
  expect(result.exitCode).toBe(0);
  return dir;
}

describe("a repository beyond GitHub's pagination limit on both comment lists", () => {
  it("saves every comment, byte-identical to a save without the limit", async () => {
    const repo = findRepo(fake.store, "octo-org", "sample");
    expect(repo?.comments.length).toBeGreaterThan(10 * CAP);
    expect(repo?.reviewComments.length).toBeGreaterThan(2 * CAP);
    fake.configure({ listCapItems: null });
    const uncapped = entityFiles(await save("uncapped"));

    fake.configure({ listCapItems: CAP });
    fake.resetStats();
    const capped = entityFiles(await save("capped"));
    const limited = fake.stats.byRouteStatus;
    expect(limited["GET /repos/{owner}/{repo}/issues/comments"]?.["422"]).toBeGreaterThan(0);
    expect(limited["GET /repos/{owner}/{repo}/pulls/comments"]?.["422"]).toBeGreaterThan(0);
    expect(Object.keys(capped)).toEqual(Object.keys(uncapped));
    for (const file of Object.keys(uncapped)) expect(capped[file], file).toBe(uncapped[file]);
    // Every parent's count matched: no parent was read again one by one.
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"]).toBeUndefined();
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"]).toBeUndefined();
    // The windows re-read only their overlap: well under twice the list.
    const pages = fake.stats.byRoute["GET /repos/{owner}/{repo}/issues/comments"] ?? 0;
    expect(pages).toBeLessThan(1.5 * Math.ceil((repo?.comments.length ?? 0) / 100));
  });
});
