// The few git operations the write endpoints need on a repository's bare
// repository: create it, look objects and refs up, move a ref.
import { execFile } from "node:child_process";
import { mkdir } from "node:fs/promises";
import { promisify } from "node:util";
import { isolatedGitEnv } from "../../git/create-bare-repo.js";

const execFileAsync = promisify(execFile);

const FULL_SHA = /^[0-9a-f]{40}$/;

async function git(gitDir: string, args: string[]): Promise<{ ok: boolean; stdout: string }> {
  try {
    const { stdout } = await execFileAsync("git", args, { cwd: gitDir, env: isolatedGitEnv() });
    return { ok: true, stdout: stdout.trim() };
  } catch {
    return { ok: false, stdout: "" };
  }
}

/** An empty bare repository whose HEAD names `defaultBranch`. */
export async function initBareRepo(gitDir: string, defaultBranch: string): Promise<void> {
  await mkdir(gitDir, { recursive: true });
  const env = isolatedGitEnv();
  await execFileAsync("git", ["init", "--bare", "--quiet", gitDir], { env });
  await execFileAsync("git", ["symbolic-ref", "HEAD", `refs/heads/${defaultBranch}`], { cwd: gitDir, env });
}

/** Only full lower-case shas are looked up, so no revision syntax reaches git. */
export async function objectExists(gitDir: string, sha: string): Promise<boolean> {
  if (!FULL_SHA.test(sha)) return false;
  return (await git(gitDir, ["cat-file", "-e", sha])).ok;
}

/** The sha a full ref name points at, or null. */
export async function resolveRef(gitDir: string, ref: string): Promise<string | null> {
  const result = await git(gitDir, ["rev-parse", "--verify", "--quiet", `${ref}^{}`]);
  return result.ok && FULL_SHA.test(result.stdout) ? result.stdout : null;
}

export async function hasAnyRef(gitDir: string): Promise<boolean> {
  const result = await git(gitDir, ["for-each-ref", "--count=1", "--format=%(refname)"]);
  return result.ok && result.stdout !== "";
}

/** Creates `ref` at `sha`; fails when the ref already exists (the empty old value). */
export async function createRef(gitDir: string, ref: string, sha: string): Promise<boolean> {
  return (await git(gitDir, ["update-ref", ref, sha, ""])).ok;
}

/** Deletes `ref`; false when it did not exist. */
export async function deleteRef(gitDir: string, ref: string): Promise<boolean> {
  return (await git(gitDir, ["update-ref", "-d", ref])).ok;
}

/** A root commit with an empty tree on `branch` (auto_init); returns its sha. */
export async function createInitialCommit(gitDir: string, branch: string): Promise<string> {
  const env = isolatedGitEnv();
  // The empty file hashed as a tree is git's well-known empty tree.
  const { stdout: tree } = await execFileAsync("git", ["hash-object", "-t", "tree", "-w", "/dev/null"], {
    cwd: gitDir,
    env,
  });
  const { stdout: commit } = await execFileAsync(
    "git",
    ["commit-tree", tree.trim(), "-m", "Initial commit"],
    {
      cwd: gitDir,
      env,
    },
  );
  const sha = commit.trim();
  await execFileAsync("git", ["update-ref", `refs/heads/${branch}`, sha], { cwd: gitDir, env });
  return sha;
}
