// The backup's git mirror (git-repo/, a bare `git clone --mirror`). The
// manifest describes it by its refs: the count, and the SHA-256 of the sorted
// "sha refname" listing, which verify recomputes; objects are checked with
// git's own connectivity check.
import { createHash } from "node:crypto";
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { runGit } from "../util/git.js";

export const GIT_REPO_DIR = "git-repo";
/** The manifest key of the mirror (a folder, hence the slash). */
export const GIT_REPO_ENTRY = `${GIT_REPO_DIR}/`;

export interface MirrorSummary {
  file: string;
  records: number;
  bytes: number;
  sha256: string;
}

async function refListing(gitDir: string): Promise<string> {
  return runGit(["for-each-ref", "--sort=refname", "--format=%(objectname) %(refname)"], { cwd: gitDir });
}

async function dirSize(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export async function summarizeMirror(backupDir: string): Promise<MirrorSummary> {
  const gitDir = join(backupDir, GIT_REPO_DIR);
  const refs = await refListing(gitDir);
  return {
    file: GIT_REPO_ENTRY,
    records: refs.split("\n").filter(Boolean).length,
    bytes: await dirSize(gitDir),
    sha256: createHash("sha256").update(refs).digest("hex"),
  };
}

/** Problems with the mirror against its manifest entry (empty when intact). */
export async function checkMirror(
  backupDir: string,
  entry: { records?: number; sha256: string },
): Promise<string[]> {
  const gitDir = join(backupDir, GIT_REPO_DIR);
  try {
    if (!(await stat(gitDir)).isDirectory()) return ["listed in the manifest but not a folder"];
  } catch {
    return ["listed in the manifest but missing"];
  }
  const problems: string[] = [];
  try {
    const actual = await summarizeMirror(backupDir);
    if (entry.records !== undefined && actual.records !== entry.records) {
      problems.push(`ref count ${actual.records} differs from the manifest's ${entry.records}`);
    }
    if (actual.sha256 !== entry.sha256) problems.push("refs differ from the manifest");
    await runGit(["fsck", "--connectivity-only", "--no-dangling", "--no-progress"], { cwd: gitDir });
  } catch (error) {
    problems.push(`not a readable git repository: ${(error as Error).message}`);
  }
  return problems;
}
