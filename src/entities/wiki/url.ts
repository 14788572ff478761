/** The wiki's git URL next to a repository's clone URL (`…/REPO.git` → `…/REPO.wiki.git`). */
export function wikiUrlOf(cloneUrl: string): string {
  return `${cloneUrl.replace(/\.git$/, "")}.wiki.git`;
}

/** Whether a git failure says the repository is not there (GitHub: a wiki never created). */
export function isNotFound(message: string): boolean {
  return / not found|returned error: 404/i.test(message);
}

/** Whether a git failure is a refusal (the token may not read or write it). */
export function isForbidden(message: string): boolean {
  return /returned error: 403|permission to .* denied/i.test(message);
}
