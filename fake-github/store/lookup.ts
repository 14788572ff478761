// Cross-repository lookups over the store's indexes.
import type { FakeIssue, FakeRepo, FakeStore } from "./types.js";

/** Finds an issue (or PR) by its store-wide id, wherever it lives. */
export function findIssueById(
  store: FakeStore,
  id: number,
): { repo: FakeRepo; issue: FakeIssue } | undefined {
  const where = store.issueIndex.get(id);
  if (!where) return undefined;
  const repo = store.repos.get(where.repoKey);
  const issue = repo?.issues.get(where.number);
  if (!repo || !issue || issue.id !== id) return undefined;
  return { repo, issue };
}
