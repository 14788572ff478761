// A folder written by the Python github-data tool itself (v2.3.0, see
// test/fixtures/README.md), restored end to end into the fake: every issue,
// pull request (from git-repo/refs/pull/N/head) and review comment on its line.
// A copy with its later files removed, as a save that stopped part-way leaves
// it, is reported with the folder's own file names.
import { rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { markerOf } from "../../../src/restore/bodies.js";
import { pullHeads } from "../../../src/restore/python-format.js";
import { bothSidesRequest, pulls, removeTempDirs, repoOf, restore, startFake } from "../support/pull-side.js";
import { copyOfPythonFixture } from "../support/python-fixture.js";

afterAll(removeTempDirs);

const copyOfFixture = () => copyOfPythonFixture("gd-python-real-");

const request = bothSidesRequest;

describe("a real backup folder of the Python github-data tool 2.3.0", () => {
  let fake: FakeGitHub;
  let target: FakeRepo;
  let result: Awaited<ReturnType<typeof restore>>;

  beforeAll(async () => {
    fake = await startFake("small", 8);
    result = await restore(request(fake, copyOfFixture(), "widgets"));
    target = repoOf(fake, "widgets");
  }, 300_000);
  afterAll(() => fake.close());

  it("reads each pull request's head commit from git-repo/refs/pull/N/head", async () => {
    expect([...(await pullHeads(copyOfFixture())).keys()].sort((a, b) => a - b)).toEqual([5, 6, 14, 15]);
  });

  it("restores with exit 0 and no failed item", () => {
    expect(
      result.results.filter((r) => r.status !== "succeeded" || r.failed > 0).map((r) => [r.name, r.error]),
    ).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it("recreates the 12 issues and all 4 pull requests as pull requests", () => {
    const restored = [...target.issues.values()];
    expect(restored.filter((i) => i.pull === null && markerOf(i.body, "issue") !== null)).toHaveLength(12);
    expect(pulls(target).filter((p) => markerOf(p.body, "pull_request") !== null)).toHaveLength(4);
  });

  it("places all 4 review comments on their lines", () => {
    const placed = target.reviewComments.filter((c) => markerOf(c.body, "pr_review_comment") !== null);
    expect(placed).toHaveLength(4);
    for (const c of placed) expect(c.line).not.toBeNull();
    expect(target.comments.filter((c) => markerOf(c.body, "pr_review_comment") !== null)).toEqual([]);
  });

  it("refuses to read pull-request heads from a git-repo/ with a symbolic link in it", async () => {
    const dir = copyOfFixture();
    symlinkSync("/etc", join(dir, "git-repo", "refs", "pull"));
    await expect(pullHeads(dir)).rejects.toThrow(/git-repo\/ holds a symbolic link \(refs\/pull\)/);
  });

  it("has exactly the folder's labels", () => {
    expect(target.labels).toHaveLength(5);
  });

  it("says when the save stopped part-way, naming the folder's own files", async () => {
    const dir = copyOfFixture();
    for (const name of ["issues.json", "comments.json", "sub_issues.json"]) rmSync(join(dir, name));
    const partial = await restore(request(fake, dir, "widgets-partial"));
    const warnings = partial.warnings.join("\n");
    expect(warnings).toMatch(
      /looks unfinished: it has labels\.json, milestones\.json.* but no issues\.json, comments\.json/,
    );
    expect(warnings).toMatch(/issues: the backup has no issues\.json; nothing to restore/);
    expect(warnings).not.toContain("issues.jsonl");
  }, 300_000);
});
