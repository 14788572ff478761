// A resumed save continues the same repository's save: a folder holding
// another repository's (or another server's) unfinished save is refused, so a
// folder is never labelled with one repository while holding another's records.
import type { BackupSource } from "../backup/manifest.js";
import { PreflightError } from "../errors.js";
import { DEFAULT_API_URL } from "../github/client.js";
import type { RepoRef } from "../github/repository.js";

function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}

/** Throws when the unfinished save in `dir` is of another repository than `repo` on `apiUrl`. */
export function checkResumeSource(dir: string, saved: BackupSource, repo: RepoRef, apiUrl?: string): void {
  const mine = `${repo.owner}/${repo.repo}`;
  const theirs = `${saved.owner}/${saved.repo}`;
  if (mine.toLowerCase() !== theirs.toLowerCase()) {
    throw new PreflightError(
      `the unfinished save in ${dir} is of ${theirs}, not ${mine}; resume it with ${theirs}, or choose another folder`,
    );
  }
  const api = apiUrl || DEFAULT_API_URL;
  if (saved.api_url !== "" && !sameUrl(saved.api_url, api)) {
    throw new PreflightError(
      `the unfinished save in ${dir} was made against ${saved.api_url}, not ${api}; resume it with the same API URL`,
    );
  }
}
