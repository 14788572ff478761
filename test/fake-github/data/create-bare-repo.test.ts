import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateDataset } from "../../../fake-github/data/generate.js";
import {
  type BranchSpec,
  createBareRepo,
  isolatedGitEnv,
} from "../../../fake-github/git/create-bare-repo.js";
import { createStore } from "../../../fake-github/store/create-store.js";

const root = mkdtempSync(join(tmpdir(), "fake-github-git-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function refs(dir: string): Map<string, string> {
  const out = execFileSync("git", ["for-each-ref", "--format=%(refname) %(objectname)"], {
    cwd: dir,
    env: isolatedGitEnv(),
    encoding: "utf8",
  });
  return new Map(
    out
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split(" ") as [string, string]),
  );
}

describe("createBareRepo", () => {
  const branches: BranchSpec[] = [
    { name: "main", files: { "README.md": "hello\n" } },
    { name: "feature/a", parent: "main", files: { "a.txt": "a\n" } },
    { name: "feature/b", parent: "main", files: { "dir/b.txt": "b\n", "with space.txt": "s\n" } },
    { name: "refs/tags/v1", parent: "main" },
  ];

  it("creates the branches and refs, with HEAD on the first branch", async () => {
    const dir = join(root, "one.git");
    const shas = await createBareRepo(dir, branches);
    const onDisk = refs(dir);
    expect(onDisk.get("refs/heads/main")).toBe(shas.get("main"));
    expect(onDisk.get("refs/heads/feature/a")).toBe(shas.get("feature/a"));
    expect(onDisk.get("refs/heads/feature/b")).toBe(shas.get("feature/b"));
    expect(onDisk.get("refs/tags/v1")).toBe(shas.get("main"));
    const env = isolatedGitEnv();
    expect(execFileSync("git", ["symbolic-ref", "HEAD"], { cwd: dir, env, encoding: "utf8" }).trim()).toBe(
      "refs/heads/main",
    );
    const parent = execFileSync("git", ["rev-parse", "feature/a^"], {
      cwd: dir,
      env,
      encoding: "utf8",
    }).trim();
    expect(parent).toBe(shas.get("main"));
    const files = execFileSync("git", ["ls-tree", "-r", "--name-only", "feature/b"], {
      cwd: dir,
      env,
      encoding: "utf8",
    });
    expect(files.trim().split("\n").sort()).toEqual(["README.md", "dir/b.txt", "with space.txt"]);
  });

  it("yields the same shas for the same input", async () => {
    const a = await createBareRepo(join(root, "a.git"), branches);
    const b = await createBareRepo(join(root, "b.git"), branches);
    expect([...a.entries()]).toEqual([...b.entries()]);
    for (const sha of a.values()) expect(sha).toMatch(/^[0-9a-f]{40}$/);
  });

  it("builds 3,000 branches in one import", async () => {
    const many: BranchSpec[] = [{ name: "main", files: { "README.md": "x\n" } }];
    for (let i = 0; i < 3000; i++)
      many.push({ name: `b/${i}`, parent: "main", files: { [`f${i}.txt`]: `${i}\n` } });
    const shas = await createBareRepo(join(root, "many.git"), many);
    expect(shas.size).toBe(3001);
    expect(refs(join(root, "many.git")).size).toBe(3001);
  });
});

describe("generateDataset with gitRoot", () => {
  it("creates the bare repo and uses its real shas for PRs, reviews, merges and release tags", () => {
    const store = createStore();
    const { repo } = generateDataset(store, { dataset: "tricky", seed: 2, gitRoot: root });
    expect(repo.gitDir).toBe(join(root, "octo-org", "sample.git"));
    const onDisk = refs(repo.gitDir ?? "");
    for (const [branch, sha] of repo.branches) expect(onDisk.get(`refs/heads/${branch}`)).toBe(sha);
    const heads = [...onDisk.keys()].filter((r) => r.startsWith("refs/heads/"));
    expect(heads).toHaveLength(repo.branches.size);
    const shas = new Set(onDisk.values());
    for (const issue of repo.issues.values()) {
      const pull = issue.pull;
      if (!pull) continue;
      expect(shas.has(pull.head.sha)).toBe(true);
      expect(pull.base.sha).toBe(onDisk.get("refs/heads/main"));
      if (pull.merge_commit_sha)
        expect(onDisk.get(`refs/pull/${issue.number}/merge`)).toBe(pull.merge_commit_sha);
      if (pull.head.repoFullName === null) {
        expect(onDisk.has(`refs/heads/${pull.head.ref}`)).toBe(false);
        expect(onDisk.get(`refs/pull/${issue.number}/head`)).toBe(pull.head.sha);
      }
    }
    for (const review of repo.reviews) expect(shas.has(review.commit_id)).toBe(true);
    for (const c of repo.reviewComments)
      expect(shas.has(c.commit_id) && shas.has(c.original_commit_id)).toBe(true);
    for (const release of repo.releases) {
      expect(onDisk.has(`refs/tags/${release.tag_name}`)).toBe(!release.draft);
    }
  });

  it("without git, uses stable fake shas for the branches", () => {
    const a = generateDataset(createStore(), { dataset: "small", seed: 4 }).repo;
    const b = generateDataset(createStore(), { dataset: "small", seed: 4 }).repo;
    expect([...a.branches]).toEqual([...b.branches]);
  });
});
