// An incremental save of the git mirror, the wiki and the LFS objects, killed
// with SIGKILL at two points — while GitHub is asked for the mirror's refs
// (the earlier objects being checked meanwhile), and while git-lfs asks for
// the one new object — then continued with --resume: the mirrors and objects
// of a fresh full save, and a folder that verifies.
import { createHash } from "node:crypto";
import { cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lfsPointer } from "../../fake-github/data/wiki-lfs.js";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { commit, expectSameMirrors, git } from "../save/mirror-helpers.js";
import {
  baseEnv,
  type CountingProxy,
  killAtFirst,
  killThenResume,
  runCli,
  startCountingProxy,
} from "./cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir } from "./helpers.js";

const ONLY_GIT = ["--include", "git_repo,wiki,lfs_objects"];

describe("an incremental save of the mirrors killed with SIGKILL and resumed", () => {
  let fake: FakeGitHub;
  let proxy: CountingProxy;
  let env: Record<string, string>;
  let base: string;
  let reference: string;
  const args = (dir: string) => ["save", `${OWNER}/${REPO}`, "--out", dir, ...ONLY_GIT];

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 12, git: true });
    proxy = await startCountingProxy(fake.url);
    env = baseEnv({ GITHUB_TOKEN: fake.token, GITHUB_API_URL: proxy.url });
    base = join(tempDir(), "base");
    expect((await runCli(args(base), { env })).code).toBe(0);

    // A new commit carrying a new LFS object, a new tag, the refs reaching a branch-only object deleted, a wiki edit.
    const repo = findRepo(fake.store, OWNER, REPO) as FakeRepo;
    const server = repo.gitDir as string;
    const head = git(server, ["symbolic-ref", "--short", "HEAD"]).trim();
    const data = Buffer.from("an LFS object added before the killed save\n".repeat(30));
    repo.lfsObjects?.set(createHash("sha256").update(data).digest("hex"), data);
    commit(server, head, { "assets/added.bin": lfsPointer(data) });
    git(server, ["tag", "v-killed", `refs/heads/${head}`]);
    for (const ref of git(server, ["for-each-ref", "--format=%(refname)"]).split("\n")) {
      if (ref !== "" && git(server, ["ls-tree", "-r", ref, "--", "assets/branch-only.bin"]) !== "")
        git(server, ["update-ref", "-d", ref]);
    }
    commit(repo.wikiGitDir as string, "master", { "Home.md": "Edited before the killed save\n" });

    reference = join(tempDir(), "reference");
    expect((await runCli(args(reference), { env })).code).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
    removeTempRoots();
  });

  it.each([
    ["the mirror's refs are listed", /^GET \/octo-org\/sample\.git\/info\/refs/],
    ["git-lfs asks for the new object", /\/sample\.git\/info\/lfs\/objects\/batch$/],
  ])(
    "killed while %s: the mirrors and objects of a fresh full save",
    async (_what, pattern) => {
      const dir = join(tempDir(), "backup");
      cpSync(base, dir, { recursive: true });
      const { killed, resumed } = await killThenResume(
        proxy,
        [...args(dir), "--incremental"],
        env,
        killAtFirst(proxy, pattern),
      );
      expect(killed.signal).toBe("SIGKILL");
      expect(resumed.code, resumed.stderr).toBe(0);
      await expectSameMirrors(dir, reference);
    },
    120_000,
  );
});
