// Git refs, the store side: the bare repository is updated by the caller.
import type { FakeRepo, FakeStore } from "../types.js";
import { touch } from "./common.js";
import { unprocessable } from "./errors.js";

/** Shas the store knows to exist in the repository, for when there is no bare repository to ask. */
export function knownShas(repo: FakeRepo): Set<string> {
  const shas = new Set<string>(repo.branches.values());
  for (const issue of repo.issues.values()) {
    if (!issue.pull) continue;
    shas.add(issue.pull.head.sha);
    shas.add(issue.pull.base.sha);
    if (issue.pull.merge_commit_sha) shas.add(issue.pull.merge_commit_sha);
  }
  for (const c of repo.reviewComments) {
    shas.add(c.commit_id);
    shas.add(c.original_commit_id);
  }
  for (const r of repo.reviews) shas.add(r.commit_id);
  return shas;
}

export function checkRefName(ref: string): void {
  if (!ref.startsWith("refs/") || ref.split("/").length < 3 || ref.endsWith("/")) {
    throw unprocessable("Reference name must start with 'refs/' and contain at least two slashes");
  }
}

export function recordRef(store: FakeStore, repo: FakeRepo, ref: string, sha: string): void {
  if (ref.startsWith("refs/heads/")) repo.branches.set(ref.slice("refs/heads/".length), sha);
  const now = touch(store, repo);
  repo.pushed_at = now;
}
