// Write endpoints over real bare repositories (store.gitRoot set).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBareRepo, isolatedGitEnv } from "../../../fake-github/git/create-bare-repo.js";
import { expect422, failure, OWNER, REPO, startWriteFixture, type WriteFixture } from "./setup.js";

let fx: WriteFixture;
let gitRoot: string;
let shas: Map<string, string>;
const repo = { owner: OWNER, repo: REPO };

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd: dir, env: isolatedGitEnv(), encoding: "utf8" }).trim();
}

beforeAll(async () => {
  gitRoot = await mkdtemp(join(tmpdir(), "write-git-"));
  fx = await startWriteFixture({ gitRoot });
  const dir = join(gitRoot, OWNER, `${REPO}.git`);
  shas = await createBareRepo(dir, [
    { name: "main", files: { "README.md": "hello\n" } },
    { name: "topic", parent: "main", files: { "a.txt": "a\n" } },
  ]);
  fx.repo.gitDir = dir;
  fx.repo.branches.clear();
  for (const [name, sha] of shas) fx.repo.branches.set(name, sha);
});
afterAll(async () => {
  await fx?.close();
  if (gitRoot) await rm(gitRoot, { recursive: true, force: true });
});

describe("with bare repositories", () => {
  it("creates an empty bare repository for a new repository, HEAD on main", async () => {
    await fx.octokit.rest.repos.createForAuthenticatedUser({ name: "made-with-git" });
    const dir = join(gitRoot, OWNER, "made-with-git.git");
    expect(existsSync(join(dir, "HEAD"))).toBe(true);
    expect(git(dir, "symbolic-ref", "HEAD")).toBe("refs/heads/main");
    expect(git(dir, "for-each-ref")).toBe("");
    expect(fx.store.repos.get(`${OWNER}/made-with-git`.toLowerCase())?.gitDir).toBe(dir);
  });

  it("answers 409 for a ref in an empty repository", async () => {
    const res = await failure(
      fx.octokit.rest.git.createRef({
        owner: OWNER,
        repo: "made-with-git",
        ref: "refs/heads/x",
        sha: shas.get("main") ?? "",
      }),
    );
    expect(res.status).toBe(409);
  });

  it("auto_init commits to the default branch", async () => {
    const created = await fx.octokit.rest.repos.createForAuthenticatedUser({
      name: "inited",
      auto_init: true,
    });
    const dir = join(gitRoot, OWNER, "inited.git");
    const sha = git(dir, "rev-parse", "refs/heads/main");
    expect(fx.store.repos.get(`${OWNER}/inited`)?.branches.get("main")).toBe(sha);
    expect(created.data.default_branch).toBe("main");
  });

  it("creates a real ref, checking the object exists in git", async () => {
    const main = shas.get("main") as string;
    const res = await fx.octokit.rest.git.createRef({ ...repo, ref: "refs/heads/restored", sha: main });
    expect(res.status).toBe(201);
    expect(git(fx.repo.gitDir as string, "rev-parse", "refs/heads/restored")).toBe(main);
    expect(fx.repo.branches.get("restored")).toBe(main);
    await expect422(
      fx.octokit.rest.git.createRef({ ...repo, ref: "refs/heads/restored", sha: main }),
      "Reference already exists",
    );
    await expect422(
      fx.octokit.rest.git.createRef({ ...repo, ref: "refs/heads/y", sha: "0".repeat(40) }),
      "Object does not exist",
    );
    await expect422(
      fx.octokit.rest.git.createRef({ ...repo, ref: "refs/heads/y", sha: "HEAD" }),
      "Object does not exist",
    );
    const tag = await fx.octokit.rest.git.createRef({ ...repo, ref: "refs/tags/v0", sha: main });
    expect(tag.status).toBe(201);
    expect(git(fx.repo.gitDir as string, "rev-parse", "refs/tags/v0")).toBe(main);
  });

  it("sees branches pushed to git that the store has not recorded", async () => {
    const dir = fx.repo.gitDir as string;
    git(dir, "update-ref", "refs/heads/pushed", shas.get("topic") as string);
    const pr = await fx.octokit.rest.pulls.create({
      ...repo,
      title: "from push",
      head: "pushed",
      base: "main",
    });
    expect(pr.data.head.sha).toBe(shas.get("topic"));
  });

  it("accepts review comments at any commit in git, rejects others", async () => {
    const pr = await fx.octokit.rest.pulls.create({
      ...repo,
      title: "review",
      head: "topic",
      base: "restored",
    });
    const ok = await fx.octokit.rest.pulls.createReviewComment({
      ...repo,
      pull_number: pr.data.number,
      body: "old commit",
      commit_id: shas.get("main") as string,
      path: "README.md",
      line: 1,
    });
    expect(ok.status).toBe(201);
    await expect422(
      fx.octokit.rest.pulls.createReviewComment({
        ...repo,
        pull_number: pr.data.number,
        body: "nope",
        commit_id: "1".repeat(40),
        path: "README.md",
        line: 1,
      }),
      { field: "commit_id" },
    );
  });
});
