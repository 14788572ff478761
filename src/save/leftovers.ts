// A killed save can leave files under temporary names: `<name>.tmp-<hex>`
// (atomic writes, release asset downloads, the response journal) and a
// half-cloned `git-repo.tmp-<hex>/`. None is ever under a final name, but a
// resumed save removes them so the finished folder holds only its own files.
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { TEMP_SUFFIX_RE } from "../backup/atomic.js";
import { GIT_REPO_DIR, WIKI_REPO_DIR } from "../backup/git-mirror.js";

/** Removes every temporary file or folder under `dir` (not looking inside the finished git mirror); returns their paths. */
export async function removeLeftoverTempFiles(dir: string): Promise<string[]> {
  const removed: string[] = [];
  async function sweep(folder: string, top: boolean): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (TEMP_SUFFIX_RE.test(entry.name)) {
        await rm(path, { recursive: true, force: true });
        removed.push(path);
      } else if (
        entry.isDirectory() &&
        !(top && (entry.name === GIT_REPO_DIR || entry.name === WIKI_REPO_DIR))
      ) {
        await sweep(path, false);
      }
    }
  }
  await sweep(dir, true);
  return removed;
}
