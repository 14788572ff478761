// Store changes that take things away: deleted comments, deleted and
// transferred issues. As on GitHub, none of them moves the `updated_at` of
// the issue or pull request a deleted comment belonged to, so a client that
// only asks "what was updated since" never sees them.
import { repoKey } from "../create-store.js";
import type { FakeIssue, FakeRepo, FakeReviewComment, FakeStore } from "../types.js";
import { requireIssue, touch } from "./common.js";
import { notFound, unprocessable, validationFailed } from "./errors.js";

/** `DELETE /repos/{owner}/{repo}/issues/comments/{id}`. */
export function deleteIssueComment(store: FakeStore, repo: FakeRepo, commentId: number): void {
  const index = repo.comments.findIndex((c) => c.id === commentId);
  if (index < 0) throw notFound();
  repo.comments.splice(index, 1);
  touch(store, repo);
}

/** `DELETE /repos/{owner}/{repo}/pulls/comments/{id}`: replies keep pointing at it, as on GitHub. */
export function deleteReviewComment(store: FakeStore, repo: FakeRepo, commentId: number): void {
  const index = repo.reviewComments.findIndex((c) => c.id === commentId);
  if (index < 0) throw notFound();
  repo.reviewComments.splice(index, 1);
  touch(store, repo);
}

/** `PATCH /repos/{owner}/{repo}/pulls/comments/{id}`: the comment's updated_at moves, its pull request's does not. */
export function updateReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  commentId: number,
  body: string | undefined,
): FakeReviewComment {
  const comment = repo.reviewComments.find((c) => c.id === commentId);
  if (!comment) throw notFound();
  if (!body)
    throw validationFailed({ resource: "PullRequestReviewComment", code: "missing_field", field: "body" });
  comment.body = body;
  comment.updated_at = touch(store, repo);
  return comment;
}

/** Takes an issue out of `repo` with its comments, events and sub-issue links (GraphQL `deleteIssue`). */
function detachIssue(store: FakeStore, repo: FakeRepo, number: number): FakeIssue {
  const issue = requireIssue(repo, number);
  if (issue.pull !== null) throw unprocessable("Pull requests cannot be deleted or transferred");
  repo.issues.delete(number);
  repo.comments = repo.comments.filter((c) => c.issue_number !== number);
  repo.events = repo.events.filter((e) => e.issue_number !== number);
  // Mentions it made elsewhere go with it, as on GitHub.
  const home = repoKey(repo.ownerLogin, repo.name);
  for (const r of store.repos.values()) {
    r.events = r.events.filter((e) => e.source?.repoKey !== home || e.source.number !== number);
  }
  // Its parent loses the link (without moving its own updated_at); its children lose their parent.
  for (const other of [...store.repos.values()].flatMap((r) => [...r.issues.values()])) {
    if (other.subIssueIds.includes(issue.id))
      other.subIssueIds = other.subIssueIds.filter((id) => id !== issue.id);
    if (other.parentId === issue.id) other.parentId = null;
  }
  issue.subIssueIds = [];
  issue.parentId = null;
  store.issueIndex.delete(issue.id);
  touch(store, repo);
  return issue;
}

/** GraphQL `deleteIssue`: the number stays used, the issue answers 404 (REST) and null (GraphQL). */
export function deleteIssue(store: FakeStore, repo: FakeRepo, number: number): void {
  detachIssue(store, repo, number);
}

/**
 * GraphQL `transferIssue`: the issue moves to `target` under that
 * repository's next number, with its comments; `repo` no longer lists it.
 */
export function transferIssue(store: FakeStore, repo: FakeRepo, number: number, target: FakeRepo): FakeIssue {
  const comments = repo.comments.filter((c) => c.issue_number === number);
  const issue = detachIssue(store, repo, number);
  const moved: FakeIssue = { ...issue, number: target.nextIssueNumber++, updated_at: touch(store, target) };
  target.issues.set(moved.number, moved);
  store.issueIndex.set(moved.id, { repoKey: repoKey(target.ownerLogin, target.name), number: moved.number });
  for (const c of comments) target.comments.push({ ...c, issue_number: moved.number });
  return moved;
}
