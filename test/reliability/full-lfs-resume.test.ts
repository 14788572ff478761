// A full save of the git mirror, the wiki and the LFS objects, killed with
// SIGKILL while git-lfs asks for the objects and while it downloads the first
// one, then continued with --resume: the mirrors and objects of an
// uninterrupted full save, and a folder that verifies.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { expectSameMirrors, lfsFiles } from "../save/mirror-helpers.js";
import {
  baseEnv,
  type CountingProxy,
  killAtFirst,
  killThenResume,
  runCli,
  startCountingProxy,
} from "./cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir } from "./helpers.js";

const args = (dir: string) => [
  "save",
  `${OWNER}/${REPO}`,
  "--out",
  dir,
  "--include",
  "git_repo,wiki,lfs_objects",
];

describe("a full save killed with SIGKILL while git-lfs fetches, and resumed", () => {
  let fake: FakeGitHub;
  let proxy: CountingProxy;
  let env: Record<string, string>;
  let reference: string;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 13, git: true });
    proxy = await startCountingProxy(fake.url);
    env = baseEnv({ GITHUB_TOKEN: fake.token, GITHUB_API_URL: proxy.url });
    reference = join(tempDir(), "reference");
    expect((await runCli(args(reference), { env })).code).toBe(0);
    // The fake's three objects: two on the default branch, one on a pull request's branch only.
    expect(lfsFiles(reference).filter((f) => /^[0-9a-f]{64}$/.test(f.split("/").at(-1) ?? ""))).toHaveLength(
      3,
    );
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
    removeTempRoots();
  });

  it.each([
    ["git-lfs asks for the objects", /\/sample\.git\/info\/lfs\/objects\/batch$/],
    ["git-lfs downloads an object", /^GET \/_lfs\/objects\//],
  ])(
    "killed while %s: the mirrors and objects of an uninterrupted save",
    async (_what, pattern) => {
      const dir = join(tempDir(), "backup");
      const { killed, resumed } = await killThenResume(proxy, args(dir), env, killAtFirst(proxy, pattern));
      expect(killed.signal).toBe("SIGKILL");
      expect(resumed.code, resumed.stderr).toBe(0);
      await expectSameMirrors(dir, reference);
    },
    120_000,
  );
});
