// GitHub answers a renamed or transferred repository's old name with the
// repository at its new place (a redirect). Following that silently would save
// a folder under a name that no longer is the repository's, or restore into a
// repository the user did not name, so the move is reported instead.

/** The message when `fullName` (GitHub's answer) is not the `owner/repo` asked for; else null. */
export function movedRepositoryProblem(
  asked: { owner: string; repo: string },
  fullName: string,
): string | null {
  const name = `${asked.owner}/${asked.repo}`;
  if (fullName === "" || fullName.toLowerCase() === name.toLowerCase()) return null;
  return `${name} has moved to ${fullName} (renamed or transferred); name ${fullName} instead`;
}
