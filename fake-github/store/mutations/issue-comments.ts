// Store changes for issue and pull-request conversation comments.
import { makeNodeId } from "../node-id.js";
import type { FakeIssueComment, FakeRepo, FakeStore, FakeUser, Iso } from "../types.js";
import { authorAssociation, requireIssue, touch } from "./common.js";
import { notFound, validationFailed } from "./errors.js";

export function createIssueComment(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  number: number,
  body: string | undefined,
  createdAt?: Iso,
): FakeIssueComment {
  const issue = requireIssue(repo, number);
  if (!body) throw validationFailed({ resource: "IssueComment", code: "missing_field", field: "body" });
  const now = createdAt ?? touch(store, repo);
  const id = store.nextId();
  const comment: FakeIssueComment = {
    id,
    node_id: makeNodeId("IC", id),
    issue_number: issue.number,
    body,
    userId: user.id,
    created_at: now,
    updated_at: now,
    author_association: authorAssociation(store, repo, user),
  };
  repo.comments.push(comment);
  if (issue.updated_at < now) issue.updated_at = now;
  return comment;
}

export function updateIssueComment(
  store: FakeStore,
  repo: FakeRepo,
  commentId: number,
  body: string | undefined,
): FakeIssueComment {
  const comment = repo.comments.find((c) => c.id === commentId);
  if (!comment) throw notFound();
  if (!body) throw validationFailed({ resource: "IssueComment", code: "missing_field", field: "body" });
  comment.body = body;
  comment.updated_at = touch(store, repo);
  return comment;
}
