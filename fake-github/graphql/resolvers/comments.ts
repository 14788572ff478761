// IssueComment, PullRequestReview, PullRequestReviewComment and
// PullRequestReviewThread.
import type { FakeIssue, FakeRepo, FakeReviewComment } from "../../store/types.js";
import { paginateSorted } from "../connection.js";
import { reviewById, reviewCommentById, reviewCommentsOfReview, threadComments } from "../context.js";
import { threadNodeId } from "../node-lookup.js";
import {
  commitSrc,
  type IssueCommentSrc,
  issueSrc,
  type ReviewCommentSrc,
  type ReviewSrc,
  repoSrc,
  reviewCommentSrc,
  reviewSrc,
  type ThreadSrc,
} from "../sources.js";
import { mapConnection } from "./issue-lists.js";
import { actor, association, bigInt, issuePath, pageArgs, type TypeResolvers } from "./shared.js";

/** The issue or PR a comment belongs to; non-null fields need it, so a dangling reference is a server bug. */
function parentIssue(repo: FakeRepo, number: number): FakeIssue {
  const issue = repo.issues.get(number);
  if (!issue) throw new Error(`no issue #${number} in ${repo.ownerLogin}/${repo.name}`);
  return issue;
}

function commitOrNull(repo: FakeRepo, sha: string) {
  return sha ? commitSrc(repo, sha) : null;
}

export const issueCommentResolvers: TypeResolvers<IssueCommentSrc> = {
  id: (src) => src.comment.node_id,
  databaseId: (src) => src.comment.id,
  fullDatabaseId: (src) => bigInt(src.comment.id),
  body: (src) => src.comment.body,
  createdAt: (src) => src.comment.created_at,
  updatedAt: (src) => src.comment.updated_at,
  author: (src, _args, ctx) => actor(ctx, src.comment.userId),
  authorAssociation: (src) => association(src.comment.author_association),
  url: (src, _args, ctx) =>
    `${ctx.baseUrl}${issuePath(src.repo, parentIssue(src.repo, src.comment.issue_number))}#issuecomment-${src.comment.id}`,
  // GitHub answers `issue` for comments on pull requests too, typed as an Issue.
  issue: (src) => ({
    __typename: "Issue",
    repo: src.repo,
    issue: parentIssue(src.repo, src.comment.issue_number),
  }),
  pullRequest: (src) => {
    const issue = parentIssue(src.repo, src.comment.issue_number);
    return issue.pull ? issueSrc(src.repo, issue) : null;
  },
  repository: (src) => repoSrc(src.repo),
};

export const reviewResolvers: TypeResolvers<ReviewSrc> = {
  id: (src) => src.review.node_id,
  databaseId: (src) => src.review.id,
  fullDatabaseId: (src) => bigInt(src.review.id),
  body: (src) => src.review.body,
  state: (src) => src.review.state,
  submittedAt: (src) => src.review.submitted_at,
  // The store keeps no creation time for reviews: a submitted review was created when submitted.
  createdAt: (src) => src.review.submitted_at ?? parentIssue(src.repo, src.review.pull_number).created_at,
  updatedAt: (src) => src.review.submitted_at ?? parentIssue(src.repo, src.review.pull_number).updated_at,
  author: (src, _args, ctx) => actor(ctx, src.review.userId),
  authorAssociation: (src) => association(src.review.author_association),
  commit: (src) => commitOrNull(src.repo, src.review.commit_id),
  url: (src, _args, ctx) =>
    `${ctx.baseUrl}${issuePath(src.repo, parentIssue(src.repo, src.review.pull_number))}#pullrequestreview-${src.review.id}`,
  pullRequest: (src) => issueSrc(src.repo, parentIssue(src.repo, src.review.pull_number)),
  repository: (src) => repoSrc(src.repo),
  comments: (src, args, ctx) => {
    const key = (c: FakeReviewComment) => [c.id];
    const page = paginateSorted(
      "comments",
      pageArgs(args),
      reviewCommentsOfReview(ctx, src.repo, src.review.id),
      key,
    );
    return mapConnection(page, (comment) => reviewCommentSrc(src.repo, comment));
  },
};

export const reviewCommentResolvers: TypeResolvers<ReviewCommentSrc> = {
  id: (src) => src.comment.node_id,
  databaseId: (src) => src.comment.id,
  fullDatabaseId: (src) => bigInt(src.comment.id),
  body: (src) => src.comment.body,
  path: (src) => src.comment.path,
  line: (src) => src.comment.line,
  originalLine: (src) => src.comment.original_line,
  startLine: (src) => src.comment.start_line,
  // The store keeps no original start line; it equals start_line until the diff moves.
  originalStartLine: (src) => src.comment.start_line,
  diffHunk: (src) => src.comment.diff_hunk,
  commit: (src) => commitOrNull(src.repo, src.comment.commit_id),
  originalCommit: (src) => commitOrNull(src.repo, src.comment.original_commit_id),
  replyTo: (src, _args, ctx) => {
    const id = src.comment.in_reply_to_id;
    const parent = id === null ? undefined : reviewCommentById(ctx, src.repo, id);
    return parent ? reviewCommentSrc(src.repo, parent) : null;
  },
  pullRequestReview: (src, _args, ctx) => {
    const id = src.comment.pull_request_review_id;
    const review = id === null ? undefined : reviewById(ctx, src.repo, id);
    return review ? reviewSrc(src.repo, review) : null;
  },
  author: (src, _args, ctx) => actor(ctx, src.comment.userId),
  authorAssociation: (src) => association(src.comment.author_association),
  createdAt: (src) => src.comment.created_at,
  updatedAt: (src) => src.comment.updated_at,
  subjectType: (src) => src.comment.subject_type.toUpperCase(),
  url: (src, _args, ctx) =>
    `${ctx.baseUrl}${issuePath(src.repo, parentIssue(src.repo, src.comment.pull_number))}#discussion_r${src.comment.id}`,
  pullRequest: (src) => issueSrc(src.repo, parentIssue(src.repo, src.comment.pull_number)),
  repository: (src) => repoSrc(src.repo),
};

function outdated(root: FakeReviewComment): boolean {
  return root.subject_type === "line" && root.line === null;
}

export const threadResolvers: TypeResolvers<ThreadSrc> = {
  id: (src) => threadNodeId(src.root.id),
  path: (src) => src.root.path,
  line: (src) => src.root.line,
  originalLine: (src) => src.root.original_line,
  startLine: (src) => src.root.start_line,
  originalStartLine: (src) => src.root.start_line,
  diffSide: (src) => src.root.side ?? "RIGHT",
  startDiffSide: (src) => src.root.start_side,
  subjectType: (src) => src.root.subject_type.toUpperCase(),
  isResolved: () => false,
  isOutdated: (src) => outdated(src.root),
  isCollapsed: (src) => outdated(src.root),
  pullRequest: (src) => issueSrc(src.repo, parentIssue(src.repo, src.root.pull_number)),
  repository: (src) => repoSrc(src.repo),
  comments: (src, args, ctx) => {
    const key = (c: FakeReviewComment) => [c.id];
    const page = paginateSorted("comments", pageArgs(args), threadComments(ctx, src.repo, src.root), key);
    return mapConnection(page, (comment) => reviewCommentSrc(src.repo, comment));
  },
};
