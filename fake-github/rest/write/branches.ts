// Brings the store's branch map up to date with the bare repository for the
// branches a write names, in case a push reached git without the store
// hearing of it, and answers commit checks from git when there is one.
import type { FakeRepo } from "../../store/types.js";
import { objectExists, resolveRef } from "./git.js";

export async function syncBranches(repo: FakeRepo, names: Array<string | undefined>): Promise<void> {
  if (repo.gitDir === null) return;
  for (const name of names) {
    if (!name || name.includes(":")) continue;
    const sha = await resolveRef(repo.gitDir, `refs/heads/${name}`);
    if (sha) repo.branches.set(name, sha);
  }
}

/**
 * A sync predicate for the store's commit checks (`shaExists`), answered from
 * git for `sha` when the repository has a bare repository; undefined = let the
 * store use the shas it knows.
 */
export async function commitChecker(
  repo: FakeRepo,
  sha: string | undefined,
): Promise<((candidate: string) => boolean) | undefined> {
  if (repo.gitDir === null || sha === undefined) return undefined;
  const exists = await objectExists(repo.gitDir, sha);
  return (candidate) => candidate === sha && exists;
}
