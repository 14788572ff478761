// Store changes for reviews and review comments, with GitHub's rules for commits,
// events, positions and replies.
import { makeNodeId } from "../node-id.js";
import type {
  FakeIssue,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeStore,
  FakeUser,
  Iso,
  ReviewState,
} from "../types.js";
import { authorAssociation, requirePull, touch } from "./common.js";
import { notFound, unprocessable, validationFailed } from "./errors.js";
import { knownShas } from "./git-refs.js";

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

const EVENT_STATE: Record<ReviewEvent, ReviewState> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

export interface ReviewCommentInput {
  body?: string;
  commit_id?: string;
  path?: string;
  line?: number;
  side?: "LEFT" | "RIGHT";
  start_line?: number;
  start_side?: "LEFT" | "RIGHT";
  position?: number;
  subject_type?: "line" | "file";
  in_reply_to?: number;
}

export interface CreateReviewInput {
  event?: ReviewEvent;
  body?: string;
  commit_id?: string;
  comments?: ReviewCommentInput[];
}

/** A commit the PR can be reviewed at: its head, or any commit the repository is known to hold. */
function checkCommit(
  repo: FakeRepo,
  headSha: string,
  commitId: string,
  shaExists?: (sha: string) => boolean,
): void {
  if (commitId === headSha) return;
  const exists = shaExists ? shaExists(commitId) : knownShas(repo).has(commitId);
  if (!exists) {
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "invalid",
      field: "commit_id",
      value: commitId,
    });
  }
}

function checkReviewEvent(
  user: FakeUser,
  pr: FakeIssue,
  event: ReviewEvent,
  body: string | undefined,
  commentCount: number,
): void {
  if (pr.userId === user.id && event === "APPROVE")
    throw unprocessable("Can not approve your own pull request");
  if (pr.userId === user.id && event === "REQUEST_CHANGES") {
    throw unprocessable("Can not request changes on your own pull request");
  }
  if (event === "REQUEST_CHANGES" && !body) throw unprocessable("Body is required when requesting changes");
  if (event === "COMMENT" && !body && commentCount === 0)
    throw unprocessable("Body is required when commenting");
}

function hunkFor(input: ReviewCommentInput): string {
  const line = input.line ?? input.position ?? 1;
  return `@@ -${line},1 +${line},1 @@\n+${input.path ?? ""}`;
}

function buildReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  reviewId: number | null,
  input: ReviewCommentInput & { body: string; commit_id: string; path: string },
  now: Iso,
): FakeReviewComment {
  const id = store.nextId();
  const subjectType = input.subject_type ?? "line";
  const line = subjectType === "file" ? null : (input.line ?? null);
  return {
    id,
    node_id: makeNodeId("PRRC", id),
    pull_number: pullNumber,
    pull_request_review_id: reviewId,
    in_reply_to_id: null,
    path: input.path,
    line,
    side: line === null ? null : (input.side ?? "RIGHT"),
    start_line: input.start_line ?? null,
    start_side: input.start_line === undefined ? null : (input.start_side ?? input.side ?? "RIGHT"),
    original_line: line,
    position: input.position ?? line,
    original_position: input.position ?? line,
    diff_hunk: hunkFor(input),
    commit_id: input.commit_id,
    original_commit_id: input.commit_id,
    subject_type: subjectType,
    body: input.body,
    userId: user.id,
    created_at: now,
    updated_at: now,
    author_association: authorAssociation(store, repo, user),
  };
}

function checkCommentShape(
  input: ReviewCommentInput,
  where: string,
): asserts input is ReviewCommentInput & { path: string; body: string } {
  if (!input.path)
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "missing_field",
      field: `${where}path`,
    });
  if (!input.body)
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "missing_field",
      field: `${where}body`,
    });
  const fileLevel = input.subject_type === "file";
  if (!fileLevel && input.line === undefined && input.position === undefined) {
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "missing_field",
      field: `${where}line`,
    });
  }
  if (input.start_line !== undefined && input.line !== undefined && input.start_line > input.line) {
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "invalid",
      field: `${where}start_line`,
    });
  }
}

function newReview(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  state: ReviewState,
  body: string,
  commitId: string,
  now: Iso,
): FakeReview {
  const id = store.nextId();
  return {
    id,
    node_id: makeNodeId("PRR", id),
    pull_number: pullNumber,
    userId: user.id,
    body,
    state,
    submitted_at: state === "PENDING" ? null : now,
    commit_id: commitId,
    author_association: authorAssociation(store, repo, user),
  };
}

export function createReview(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  input: CreateReviewInput,
  shaExists?: (sha: string) => boolean,
): FakeReview {
  const pr = requirePull(repo, pullNumber);
  const comments = input.comments ?? [];
  if (input.event !== undefined) checkReviewEvent(user, pr, input.event, input.body, comments.length);
  if (
    repo.reviews.some((r) => r.pull_number === pullNumber && r.userId === user.id && r.state === "PENDING")
  ) {
    throw unprocessable("User can only have one pending review per pull request");
  }
  const commitId = input.commit_id ?? pr.pull.head.sha;
  checkCommit(repo, pr.pull.head.sha, commitId, shaExists);
  comments.forEach((c, i) => {
    checkCommentShape(c, `comments[${i}].`);
  });
  const now = touch(store, repo);
  const state = input.event === undefined ? "PENDING" : EVENT_STATE[input.event];
  const review = newReview(store, repo, user, pullNumber, state, input.body ?? "", commitId, now);
  repo.reviews.push(review);
  for (const c of comments) {
    checkCommentShape(c, ""); // already checked above; repeated to narrow the type
    repo.reviewComments.push(
      buildReviewComment(store, repo, user, pullNumber, review.id, { ...c, commit_id: commitId }, now),
    );
  }
  pr.updated_at = now;
  return review;
}

export function submitReview(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  reviewId: number,
  input: { event?: ReviewEvent; body?: string },
): FakeReview {
  const pr = requirePull(repo, pullNumber);
  const review = repo.reviews.find((r) => r.id === reviewId && r.pull_number === pullNumber);
  if (!review) throw notFound();
  if (review.userId !== user.id) throw notFound();
  if (review.state !== "PENDING") throw unprocessable("Can not submit a review that is not pending");
  if (!input.event)
    throw validationFailed({ resource: "PullRequestReview", code: "missing_field", field: "event" });
  const body = input.body ?? review.body;
  const comments = repo.reviewComments.filter((c) => c.pull_request_review_id === review.id).length;
  checkReviewEvent(user, pr, input.event, body, comments);
  const now = touch(store, repo);
  review.state = EVENT_STATE[input.event];
  review.body = body;
  review.submitted_at = now;
  pr.updated_at = now;
  return review;
}

/**
 * A standalone review comment or a reply. As on GitHub, each one comes with
 * its own COMMENTED review (empty body) that it points to.
 */
export function createReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  input: ReviewCommentInput,
  shaExists?: (sha: string) => boolean,
): FakeReviewComment {
  const pr = requirePull(repo, pullNumber);
  if (!input.body)
    throw validationFailed({ resource: "PullRequestReviewComment", code: "missing_field", field: "body" });
  let comment: FakeReviewComment;
  if (input.in_reply_to !== undefined) {
    const target = repo.reviewComments.find(
      (c) => c.id === input.in_reply_to && c.pull_number === pullNumber,
    );
    if (!target || target.in_reply_to_id !== null) {
      throw validationFailed({
        resource: "PullRequestReviewComment",
        code: "invalid",
        field: "in_reply_to",
        value: input.in_reply_to,
      });
    }
    const now = touch(store, repo);
    const review = newReview(store, repo, user, pullNumber, "COMMENTED", "", target.commit_id, now);
    const id = store.nextId();
    // A reply sits on its target's line and commit; only the body is the caller's.
    comment = {
      ...target,
      id,
      node_id: makeNodeId("PRRC", id),
      pull_request_review_id: review.id,
      in_reply_to_id: target.id,
      body: input.body,
      userId: user.id,
      created_at: now,
      updated_at: now,
      author_association: authorAssociation(store, repo, user),
    };
    repo.reviews.push(review);
  } else {
    if (!input.commit_id) {
      throw validationFailed({
        resource: "PullRequestReviewComment",
        code: "missing_field",
        field: "commit_id",
      });
    }
    checkCommentShape(input, "");
    checkCommit(repo, pr.pull.head.sha, input.commit_id, shaExists);
    const now = touch(store, repo);
    const review = newReview(store, repo, user, pullNumber, "COMMENTED", "", input.commit_id, now);
    comment = buildReviewComment(
      store,
      repo,
      user,
      pullNumber,
      review.id,
      { ...input, commit_id: input.commit_id },
      now,
    );
    repo.reviews.push(review);
  }
  repo.reviewComments.push(comment);
  pr.updated_at = comment.created_at;
  return comment;
}
