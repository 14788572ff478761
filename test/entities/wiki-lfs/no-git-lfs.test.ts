// Without git-lfs on the machine, lfs_objects is a skip that says how to get
// it (the save still exits 0: most repositories have no LFS objects), and the
// code and the wiki are saved as usual.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import { SaveRepositoryUseCase } from "../../../src/save/save-repository.js";
import { saveRequest } from "../../save/helpers.js";

describe("a machine without git-lfs", () => {
  let fake: FakeGitHub;
  let root: string;
  const path = process.env.PATH;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 1, git: true });
    root = mkdtempSync(join(tmpdir(), "gd-no-lfs-"));
    // A PATH holding git alone: `git lfs` finds no git-lfs.
    const bin = join(root, "bin");
    mkdirSync(bin);
    symlinkSync("/usr/bin/git", join(bin, "git"));
    process.env.PATH = bin;
  });
  afterAll(async () => {
    process.env.PATH = path;
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("skips lfs_objects with how to install it, and saves the rest", async () => {
    const result = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, join(root, "backup"), { entities: ["git_repo", "wiki", "lfs_objects"] }),
    );
    expect(result.exitCode).toBe(0);
    const status = Object.fromEntries(result.results.map((r) => [r.name, [r.status, r.error]]));
    expect(status).toEqual({
      git_repo: ["succeeded", null],
      wiki: ["succeeded", null],
      lfs_objects: [
        "skipped",
        expect.stringMatching(/^git-lfs is not installed \(Debian\/Ubuntu: apt-get install git-lfs/),
      ],
    });
  }, 60_000);
});
