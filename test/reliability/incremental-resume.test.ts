// An incremental save killed with SIGKILL at seeded points, then continued
// with --resume: every entity file must be byte-identical to a fresh full
// save of the changed repository, and the folder must verify (the history
// of the incremental save included).
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import { deleteIssue } from "../../fake-github/store/mutations/removals.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { useWallClock } from "../../fake-github/store/wall-clock.js";
import { verifyBackup } from "../../src/index.js";
import {
  baseEnv,
  type CountingProxy,
  killAtRequest,
  runCli,
  seededRandom,
  startCountingProxy,
} from "./cli-harness.js";
import { backupContent, OWNER, REPO, removeTempRoots, tempDir } from "./helpers.js";

const SEED = 20_261_207;
const KILLS = 3;
const NO_GIT = ["--exclude", "git_repo"];

/** The entity files only: the incremental folder also holds its history. */
function entityContent(dir: string): Record<string, string> {
  const { "(files)": _files, ...rest } = backupContent(dir);
  return rest;
}

describe("an incremental save killed with SIGKILL and resumed", () => {
  let fake: FakeGitHub;
  let proxy: CountingProxy;
  let env: Record<string, string>;
  let base: string;
  let reference: Record<string, string>;
  let incrementalRequests: number;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "medium", seed: 3 });
    useWallClock(fake.store);
    proxy = await startCountingProxy(fake.url);
    env = baseEnv({ GITHUB_TOKEN: fake.token, GITHUB_API_URL: proxy.url });
    base = join(tempDir(), "base");
    expect((await runCli(["save", `${OWNER}/${REPO}`, "--out", base, ...NO_GIT], { env })).code).toBe(0);

    const repo = findRepo(fake.store, OWNER, REPO) as FakeRepo;
    const octokit = new Octokit({ auth: fake.token, baseUrl: fake.url });
    const where = { owner: OWNER, repo: REPO };
    const issues = [...repo.issues.values()].filter((i) => i.pull === null).map((i) => i.number);
    for (const n of issues.slice(0, 10)) {
      await octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...where,
        issue_number: n,
        title: `changed #${n}`,
      });
      await octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        ...where,
        issue_number: n + 1,
        body: "new",
      });
    }
    for (const c of repo.comments.slice(0, 5)) {
      await octokit.request("DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}", {
        ...where,
        comment_id: c.id,
      });
    }
    deleteIssue(fake.store, repo, issues.at(-1) as number);

    const referenceDir = join(tempDir(), "reference");
    expect((await runCli(["save", `${OWNER}/${REPO}`, "--out", referenceDir, ...NO_GIT], { env })).code).toBe(
      0,
    );
    reference = entityContent(referenceDir);
    const clean = join(tempDir(), "clean");
    cpSync(base, clean, { recursive: true });
    proxy.reset();
    const run = await runCli(["save", `${OWNER}/${REPO}`, "--out", clean, "--incremental", ...NO_GIT], {
      env,
    });
    expect(run.code, run.stderr).toBe(0);
    incrementalRequests = proxy.count;
    expect(entityContent(clean)).toEqual(reference);
  });
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
    removeTempRoots();
  });

  const random = seededRandom(SEED);
  const picks = Array.from({ length: KILLS }, () => random());

  it.each(picks.map((p, i) => [i + 1, p]))(
    "crash point %i: the files of a fresh full save",
    async (_i, pick) => {
      const killAt = 2 + Math.floor(pick * (incrementalRequests - 2));
      const dir = join(tempDir(), "backup");
      cpSync(base, dir, { recursive: true });
      const args = ["save", `${OWNER}/${REPO}`, "--out", dir, ...NO_GIT];
      const killed = await runCli([...args, "--incremental"], {
        env,
        onChild: killAtRequest(proxy, killAt),
      });
      expect(killed.signal).toBe("SIGKILL");
      proxy.reset();
      const resumed = await runCli([...args, "--incremental", "--resume"], { env });
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(entityContent(dir)).toEqual(reference);
      expect(existsSync(join(dir, ".github-data"))).toBe(false);
      expect((await verifyBackup(dir)).problems).toEqual([]);
    },
  );
});
