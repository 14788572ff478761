// The git part of a restore: branches and tags pushed, refs/pull/* never; a
// branch the target holds at another commit is reported, not overwritten; and
// the backup's mirror is never trusted to run anything (its config could
// redirect the push, with our credentials, elsewhere; its hooks could run code).
import { chmodSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import { gitRepoRestorer } from "../../../src/entities/git_repo/restore.js";
import {
  gitRefs,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
  startFake,
  tempDir,
} from "../support/pull-side.js";

afterAll(removeTempDirs);

const gitOnly = {
  entities: new Set(["git_repo" as const]),
  issues: { kind: "all" as const },
  pullRequests: { kind: "all" as const },
};

describe("pushing the git mirror", () => {
  let fake: FakeGitHub;
  let backup: string;

  beforeAll(async () => {
    fake = await startFake("small", 4);
    backup = await saveBackup(fake);
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
  });

  it("ignores the mirror's config and hooks", async () => {
    const mirror = join(backup, "git-repo");
    const marker = join(tempDir(), "hook-ran");
    // Both would have to be honoured by git running inside the mirror.
    writeFileSync(
      join(mirror, "config"),
      `${readFileSync(join(mirror, "config"), "utf8")}[url "http://127.0.0.1:9/"]\n\tinsteadOf = ${fake.url}/\n`,
    );
    writeFileSync(join(mirror, "hooks", "pre-push"), `#!/bin/sh\ntouch ${marker}\n`);
    chmodSync(join(mirror, "hooks", "pre-push"), 0o755);

    const result = await restore(
      restoreRequest(fake, backup, "pushed", { selection: gitOnly, restorers: [gitRepoRestorer] }),
    );
    expect(result.warnings).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(existsSync(marker)).toBe(false);
    const source = gitRefs(repoOf(fake, "sample").gitDir as string);
    const target = gitRefs(repoOf(fake, "pushed").gitDir as string);
    const pushable = [...source].filter(
      ([ref]) => ref.startsWith("refs/heads/") || ref.startsWith("refs/tags/"),
    );
    expect([...target].sort()).toEqual(pushable.sort());
    expect(readFileSync(join(repoOf(fake, "pushed").gitDir as string, "config"), "utf8")).not.toContain(
      fake.token,
    );
  }, 60_000);

  it("reports a target branch at another commit and pushes the rest", async () => {
    const admin = new Octokit({ auth: fake.token, baseUrl: fake.url });
    await admin.rest.repos.createInOrg({ org: "octo-org", name: "diverged", auto_init: true });
    const before = gitRefs(repoOf(fake, "diverged").gitDir as string).get("refs/heads/main");
    const result = await restore(
      restoreRequest(fake, backup, "diverged", { selection: gitOnly, restorers: [gitRepoRestorer] }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(
      /^git_repo: git: not pushed, refs\/heads\/main is at \w+ in the target/,
    );
    const target = gitRefs(repoOf(fake, "diverged").gitDir as string);
    expect(target.get("refs/heads/main")).toBe(before);
    const source = gitRefs(repoOf(fake, "sample").gitDir as string);
    for (const [ref, sha] of source) {
      if (ref !== "refs/heads/main" && (ref.startsWith("refs/heads/") || ref.startsWith("refs/tags/"))) {
        expect(target.get(ref), ref).toBe(sha);
      }
    }
  }, 60_000);
});
