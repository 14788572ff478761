// A renamed or transferred repository answers under its old name with its new
// one (GitHub redirects). A save or a restore naming the old name stops with
// one line saying where it moved, before anything is written.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { addToken, startFakeGitHub } from "../../fake-github/index.js";
import { baseEnv, runCli } from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir } from "../reliability/helpers.js";
import {
  addTargetRepo,
  handBackup,
  label,
  ME,
  request,
  startEmptyFake,
} from "../restore/support/fixtures.js";
import { removeTempDirs, restore } from "../restore/support/setup.js";

const TOKEN = "ghp_MoVeDrEpOsItOrY8c0e2g4i6k8m0o2q4s6u8w";

describe("a moved repository is reported, not followed", () => {
  afterAll(() => {
    removeTempDirs();
    removeTempRoots();
  });

  it("save of the old name stops naming the new one, and writes nothing", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 51 });
    try {
      addToken(fake.store, TOKEN, { userId: fake.dataset?.tokenUser.id ?? 0, read: "*" });
      const repo = fake.store.repos.get(`${OWNER}/${REPO}`.toLowerCase());
      if (!repo) throw new Error("no repository");
      repo.name = `${REPO}-renamed`; // still found under its old name, as GitHub's redirect does
      const out = join(tempDir("gd-moved-"), "out");
      const run = await runCli(["save", `${OWNER}/${REPO}`, "--out", out], {
        env: baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url }),
      });
      expect(run.code, run.stderr).toBe(2);
      const errors = run.stderr
        .trim()
        .split("\n")
        .filter((l) => !/ INFO /.test(l));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(
        new RegExp(`${OWNER}/${REPO} has moved to ${OWNER}/${REPO}-renamed \\(renamed or transferred\\)`),
      );
    } finally {
      await fake.close();
    }
  });

  it("restore into the old name stops before writing", async () => {
    const env = await startEmptyFake();
    try {
      const target = addTargetRepo(env.store, "old-name");
      target.name = "new-name";
      const dir = await handBackup({ labels: [label("x")] });
      env.fake.resetStats();
      await expect(restore(request(env, dir, "old-name"))).rejects.toMatchObject({
        exitCode: 2,
        message: `restore target ${ME}/old-name has moved to ${ME}/new-name (renamed or transferred); name ${ME}/new-name instead`,
      });
      expect(env.fake.stats.log.filter((e) => e.method !== "GET")).toEqual([]);
    } finally {
      await env.close();
    }
  });
});
