// Checks everything a backup folder holds, listed in the manifest or not: no
// symbolic links anywhere (a link could hand restore another repository or
// file), git mirrors (git-repo/, wiki-repo/) that are plain bare repositories (src/backup/git-mirror.ts),
// and no objects/info/alternates pulling objects in from elsewhere.
import { lstat, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { MIRROR_DIRS, mirrorLayoutProblem } from "./git-mirror.js";

export interface TreeProblem {
  file: string;
  message: string;
}

const ALTERNATES = /(^|\/)objects\/info\/(http-)?alternates$/;

/**
 * Problems found in the folder's tree. `reported` holds paths whose problem was
 * already reported (a listed file that is a symbolic link), so it is said once.
 */
export async function backupTreeProblems(
  dir: string,
  reported: ReadonlySet<string> = new Set(),
): Promise<TreeProblem[]> {
  const problems: TreeProblem[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const rel = relative(dir, join(entry.parentPath, entry.name)).split("\\").join("/");
    if ([...MIRROR_DIRS.values()].some((mirror) => rel === mirror || rel.startsWith(`${mirror}/`))) continue;
    if (entry.isSymbolicLink()) {
      if (!reported.has(rel))
        problems.push({ file: rel, message: "is a symbolic link; a backup holds none" });
    } else if (ALTERNATES.test(rel)) {
      problems.push({
        file: rel,
        message: "borrows git objects from elsewhere; a backup holds no alternates",
      });
    } else if (entry.name === ".git") {
      problems.push({ file: rel, message: "is a git working repository; a backup holds none" });
    }
  }
  for (const [entry, mirror] of MIRROR_DIRS) {
    if (reported.has(entry)) continue;
    const exists = await lstat(join(dir, mirror)).then(
      () => true,
      () => false,
    );
    const problem = exists ? await mirrorLayoutProblem(join(dir, mirror)) : null;
    if (problem) problems.push({ file: entry, message: problem });
  }
  return problems;
}
