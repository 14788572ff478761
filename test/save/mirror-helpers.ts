// Git run in trusted test repositories (the fake's, or a finished backup's
// mirror), and what a saved mirror holds, for comparing an updated mirror
// with a fresh clone.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { isolatedGitEnv } from "../../fake-github/git/create-bare-repo.js";
import { LFS_OBJECTS_DIR } from "../../src/backup/lfs-objects.js";
import { verifyBackup } from "../../src/index.js";

export function git(gitDir: string, args: string[], input?: string): string {
  return execFileSync("git", [`--git-dir=${gitDir}`, ...args], {
    env: isolatedGitEnv(),
    encoding: "utf8",
    ...(input === undefined ? {} : { input }),
  });
}

/** A new commit on `branch` writing `files` (path → text; one folder deep at most). */
export function commit(gitDir: string, branch: string, files: Record<string, string>): string {
  const parent = git(gitDir, ["rev-parse", `refs/heads/${branch}`]).trim();
  let tree = git(gitDir, ["rev-parse", `${parent}^{tree}`]).trim();
  for (const [path, text] of Object.entries(files)) {
    const blob = git(gitDir, ["hash-object", "-w", "--stdin"], text).trim();
    const [folder, name] = path.includes("/") ? (path.split("/") as [string, string]) : [null, path];
    const entries = (of: string) =>
      git(gitDir, ["ls-tree", of])
        .split("\n")
        .filter((l) => l !== "");
    if (folder === null) {
      const base = entries(tree).filter((l) => !l.endsWith(`\t${name}`));
      tree = git(gitDir, ["mktree"], `${[...base, `100644 blob ${blob}\t${name}`].join("\n")}\n`).trim();
    } else {
      const old = entries(tree).find((l) => l.endsWith(`\t${folder}`));
      const inner = old === undefined ? [] : entries(old.split(/\s/)[2] as string);
      const sub = git(
        gitDir,
        ["mktree"],
        `${[...inner.filter((l) => !l.endsWith(`\t${name}`)), `100644 blob ${blob}\t${name}`].join("\n")}\n`,
      ).trim();
      const base = entries(tree).filter((l) => !l.endsWith(`\t${folder}`));
      tree = git(gitDir, ["mktree"], `${[...base, `040000 tree ${sub}\t${folder}`].join("\n")}\n`).trim();
    }
  }
  const next = git(gitDir, ["commit-tree", tree, "-p", parent, "-m", "a commit after the first save"]).trim();
  git(gitDir, ["update-ref", `refs/heads/${branch}`, next]);
  return next;
}

/**
 * What a mirror holds: HEAD, every ref (and packed-refs as written, peeled
 * tags included), every object, its files (pack names aside, which depend on
 * how it was packed).
 */
export function mirrorState(gitDir: string): {
  head: string;
  refs: string;
  packedRefs: string;
  objects: string;
  files: string[];
} {
  return {
    packedRefs: readFileSync(join(gitDir, "packed-refs"), "utf8"),
    files: readdirSync(gitDir, { recursive: true, encoding: "utf8" })
      .filter((f) => !f.startsWith("lfs"))
      .map((f) => f.replace(/pack-[0-9a-f]{40}/, "pack-*"))
      .sort(),
    head: git(gitDir, ["symbolic-ref", "HEAD"]),
    refs: git(gitDir, ["for-each-ref", "--format=%(objectname) %(refname)"]),
    objects: git(gitDir, ["cat-file", "--batch-all-objects", "--batch-check"]),
  };
}

/** The files under git-repo/lfs/objects/ (folders included), sorted. */
export function lfsFiles(backup: string): string[] {
  const root = join(backup, LFS_OBJECTS_DIR);
  return readdirSync(root, { recursive: true, encoding: "utf8" }).sort();
}

/**
 * Each pack file of a mirror with its inode: the same pair after a save means
 * the pack was not rewritten (its index is computed again: that is the check).
 */
export function packFiles(gitDir: string): string[] {
  const packs = join(gitDir, "objects", "pack");
  return readdirSync(packs)
    .filter((name) => name.endsWith(".pack"))
    .sort()
    .map((name) => `${name} ${statSync(join(packs, name)).ino}`);
}

/** A finished (resumed) save's folder holds `reference`'s mirrors and LFS objects, no save state, and verifies. */
export async function expectSameMirrors(dir: string, reference: string): Promise<void> {
  for (const mirror of ["git-repo", "wiki-repo"])
    expect(mirrorState(join(dir, mirror))).toEqual(mirrorState(join(reference, mirror)));
  expect(lfsFiles(dir)).toEqual(lfsFiles(reference));
  expect(existsSync(join(dir, ".github-data"))).toBe(false);
  expect((await verifyBackup(dir)).problems).toEqual([]);
}
