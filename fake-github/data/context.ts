// State shared by the steps of dataset generation, and the record factories
// that draw from the seeded PRNG. Every random choice goes through `ctx.prng`
// in a fixed order, so one seed always yields the same store.
import { createHash } from "node:crypto";
import { repoFullName } from "../store/create-store.js";
import type {
  FakeIssue,
  FakeIssueComment,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeStore,
  FakeUser,
  ReviewState,
} from "../store/types.js";
import type { Prng } from "./prng.js";
import { insertIssue, insertIssueComment, insertReview, insertReviewComment } from "./records.js";
import { body, branchSlug, commentBody, diffHunk, prFileLines, reviewCommentBody, title } from "./text.js";

export interface GenContext {
  store: FakeStore;
  prng: Prng;
  seed: number;
  repo: FakeRepo;
  otherRepo: FakeRepo;
  /** The token's user: an organisation member who merges and closes. */
  admin: FakeUser;
  /** Human accounts that author content (admin included). */
  people: FakeUser[];
  bot: FakeUser;
  /** Logins used for @mentions. */
  logins: string[];
  association: Map<number, string>;
  /** Numbers that are never used (deleted issues); only tricky has some. */
  gaps: Set<number>;
  authorPicks: number;
}

/** Every 37th authored record belongs to a deleted account (userId null). */
const deletedEvery = 37;

export function pickAuthor(ctx: GenContext): number | null {
  ctx.authorPicks++;
  if (ctx.authorPicks % deletedEvery === 0) return null;
  return ctx.prng.pick(ctx.people).id;
}

export function associationOf(ctx: GenContext, userId: number | null): string {
  return userId === null ? "NONE" : (ctx.association.get(userId) ?? "NONE");
}

/** A stable 40-hex stand-in for a commit sha when there is no git repository. */
export function fakeSha(seed: number, name: string): string {
  return createHash("sha1").update(`${seed}:${name}`).digest("hex");
}

export function headRefOf(number: number, slug: string): string {
  return `${slug}/${number}-change`;
}

/** Creates the next issue or PR (open; states are settled later) with random labels etc. */
export function createItem(ctx: GenContext, isPull: boolean): FakeIssue {
  const { store, prng, repo } = ctx;
  while (ctx.gaps.has(repo.nextIssueNumber)) repo.nextIssueNumber++;
  const number = repo.nextIssueNumber;
  const at = store.now();
  const userId = pickAuthor(ctx);
  const labelIds = prng.sample(
    repo.labels.map((l) => l.id),
    prng.int(0, Math.min(3, repo.labels.length)),
  );
  const assigneeIds = prng.sample(
    ctx.people.map((p) => p.id),
    prng.int(0, 2),
  );
  const milestoneNumber =
    repo.milestones.length > 0 && prng.chance(0.5) ? prng.int(1, repo.milestones.length) : null;
  const headRef = isPull ? headRefOf(number, branchSlug(prng)) : "";
  return insertIssue(store, repo, {
    title: title(prng),
    body: body(prng, ctx.logins, number - 1),
    state: "open",
    state_reason: null,
    locked: false,
    active_lock_reason: null,
    userId,
    labelIds,
    assigneeIds,
    milestoneNumber,
    created_at: at,
    updated_at: at,
    closed_at: null,
    closedById: null,
    author_association: associationOf(ctx, userId),
    pull: isPull
      ? {
          head: { ref: headRef, sha: fakeSha(ctx.seed, headRef), repoFullName: repoFullName(repo) },
          base: { ref: repo.default_branch, sha: fakeSha(ctx.seed, repo.default_branch) },
          draft: false,
          merged_at: null,
          merge_commit_sha: null,
          mergedById: null,
        }
      : null,
  });
}

export function createComment(ctx: GenContext, issue: FakeIssue, userId = pickAuthor(ctx)): FakeIssueComment {
  const at = ctx.store.now();
  return insertIssueComment(ctx.store, ctx.repo, {
    issue_number: issue.number,
    body: commentBody(ctx.prng, ctx.logins, ctx.repo.nextIssueNumber - 1),
    userId,
    created_at: at,
    updated_at: at,
    author_association: associationOf(ctx, userId),
  });
}

const reviewStates: ReviewState[] = [
  "APPROVED",
  "APPROVED",
  "APPROVED",
  "COMMENTED",
  "COMMENTED",
  "CHANGES_REQUESTED",
  "CHANGES_REQUESTED",
  "DISMISSED",
];

export function createReview(
  ctx: GenContext,
  pull: FakeIssue,
  state: ReviewState = ctx.prng.pick(reviewStates),
  userId = pickAuthor(ctx),
): FakeReview {
  const at = ctx.store.now();
  return insertReview(ctx.store, ctx.repo, {
    pull_number: pull.number,
    userId,
    body: state === "APPROVED" && ctx.prng.chance(0.5) ? "" : reviewCommentBody(ctx.prng),
    state,
    submitted_at: at,
    commit_id: pull.pull?.head.sha ?? "",
    author_association: associationOf(ctx, userId),
  });
}

/** A top-level review comment on the PR's added file, under the given review. */
export function createReviewComment(
  ctx: GenContext,
  pull: FakeIssue,
  reviewId: number,
  userId: number | null,
  multiLine = ctx.prng.chance(0.2),
): FakeReviewComment {
  const { prng } = ctx;
  const line = prng.int(multiLine ? 2 : 1, prFileLines);
  const startLine = multiLine ? prng.int(1, line - 1) : null;
  const sha = pull.pull?.head.sha ?? "";
  const at = ctx.store.now();
  return insertReviewComment(ctx.store, ctx.repo, {
    pull_number: pull.number,
    pull_request_review_id: reviewId,
    in_reply_to_id: null,
    path: `changes/pr-${pull.number}.md`,
    line,
    side: "RIGHT",
    start_line: startLine,
    start_side: startLine === null ? null : "RIGHT",
    original_line: line,
    position: line,
    original_position: line,
    diff_hunk: diffHunk(pull.number, line),
    commit_id: sha,
    original_commit_id: sha,
    subject_type: "line",
    body: reviewCommentBody(prng),
    userId,
    created_at: at,
    updated_at: at,
    author_association: associationOf(ctx, userId),
  });
}

/** A reply in the thread of a top-level review comment (GitHub points in_reply_to_id at the thread's first comment). */
export function createReply(
  ctx: GenContext,
  parent: FakeReviewComment,
  userId = pickAuthor(ctx),
): FakeReviewComment {
  const { id: _id, node_id: _nodeId, ...rest } = parent;
  const at = ctx.store.now();
  return insertReviewComment(ctx.store, ctx.repo, {
    ...rest,
    in_reply_to_id: parent.id,
    body: `Reply: ${reviewCommentBody(ctx.prng)}`,
    userId,
    created_at: at,
    updated_at: at,
    author_association: associationOf(ctx, userId),
  });
}
