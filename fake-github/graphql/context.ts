// Per-request state shared by the resolvers: who asks, what the query costs,
// and memoised per-repository groupings (comments by issue, ...) so a page of
// 100 issues does not rescan the repository 100 times. The store does not
// change while one query executes (resolvers are synchronous), so the memos
// live exactly as long as the request.
import type {
  FakeIssueComment,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeStore,
  FakeToken,
  FakeUser,
} from "../store/types.js";

/** What `rateLimit { ... }` reports: the query's cost and the budget after charging it. */
export interface RateInfo {
  cost: number;
  nodeCount: number;
  limit: number;
  remaining: number;
  used: number;
  /** ISO 8601, e.g. "2026-01-01T01:00:00Z". */
  resetAt: string;
}

export interface GqlContext {
  store: FakeStore;
  /** Absolute server URL for web links, e.g. "http://127.0.0.1:4567". */
  baseUrl: string;
  viewer: FakeUser;
  /** The token's rights; null reads public repositories only. */
  token: FakeToken | null;
  rate: RateInfo;
  /** rateLimit(dryRun: true) was asked: other root fields answer null. */
  dryRun: boolean;
  memo: RequestMemo;
}

export interface RequestMemo {
  commentsByIssue: WeakMap<FakeRepo, Map<number, FakeIssueComment[]>>;
  reviewsByPull: WeakMap<FakeRepo, Map<number, FakeReview[]>>;
  reviewCommentsByPull: WeakMap<FakeRepo, Map<number, FakeReviewComment[]>>;
  reviewCommentsByReview: WeakMap<FakeRepo, Map<number, FakeReviewComment[]>>;
  reviewCommentById: WeakMap<FakeRepo, Map<number, FakeReviewComment>>;
  repliesByRoot: WeakMap<FakeRepo, Map<number, FakeReviewComment[]>>;
}

export function createMemo(): RequestMemo {
  return {
    commentsByIssue: new WeakMap(),
    reviewsByPull: new WeakMap(),
    reviewCommentsByPull: new WeakMap(),
    reviewCommentsByReview: new WeakMap(),
    reviewCommentById: new WeakMap(),
    repliesByRoot: new WeakMap(),
  };
}

/** GitHub hides a private repository the token may not read as if it did not exist. */
export function canRead(ctx: GqlContext, repo: FakeRepo): boolean {
  if (!repo.private) return true;
  const read = ctx.token?.read;
  if (read === "*") return true;
  if (!read) return false;
  const fullName = `${repo.ownerLogin}/${repo.name}`.toLowerCase();
  return read.some((name) => name.toLowerCase() === fullName);
}

function memoised<V>(map: WeakMap<FakeRepo, V>, repo: FakeRepo, build: () => V): V {
  let value = map.get(repo);
  if (value === undefined) {
    value = build();
    map.set(repo, value);
  }
  return value;
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => number | null): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

export function commentsOfIssue(ctx: GqlContext, repo: FakeRepo, number: number): FakeIssueComment[] {
  return (
    memoised(ctx.memo.commentsByIssue, repo, () => groupBy(repo.comments, (c) => c.issue_number)).get(
      number,
    ) ?? []
  );
}

export function reviewsOfPull(ctx: GqlContext, repo: FakeRepo, number: number): FakeReview[] {
  return (
    memoised(ctx.memo.reviewsByPull, repo, () => groupBy(repo.reviews, (r) => r.pull_number)).get(number) ??
    []
  );
}

export function reviewCommentsOfPull(ctx: GqlContext, repo: FakeRepo, number: number): FakeReviewComment[] {
  return (
    memoised(ctx.memo.reviewCommentsByPull, repo, () =>
      groupBy(repo.reviewComments, (c) => c.pull_number),
    ).get(number) ?? []
  );
}

export function reviewCommentsOfReview(
  ctx: GqlContext,
  repo: FakeRepo,
  reviewId: number,
): FakeReviewComment[] {
  return (
    memoised(ctx.memo.reviewCommentsByReview, repo, () =>
      groupBy(repo.reviewComments, (c) => c.pull_request_review_id),
    ).get(reviewId) ?? []
  );
}

export function reviewCommentById(
  ctx: GqlContext,
  repo: FakeRepo,
  id: number,
): FakeReviewComment | undefined {
  return memoised(
    ctx.memo.reviewCommentById,
    repo,
    () => new Map(repo.reviewComments.map((c) => [c.id, c])),
  ).get(id);
}

/** The first comment of the thread `comment` belongs to (replies may chain). */
export function threadRoot(ctx: GqlContext, repo: FakeRepo, comment: FakeReviewComment): FakeReviewComment {
  let current = comment;
  const seen = new Set<number>();
  while (current.in_reply_to_id !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = reviewCommentById(ctx, repo, current.in_reply_to_id);
    if (!parent) break;
    current = parent;
  }
  return current;
}

/** Every comment of a thread, root first, in creation (id) order. */
export function threadComments(
  ctx: GqlContext,
  repo: FakeRepo,
  root: FakeReviewComment,
): FakeReviewComment[] {
  const byRoot = memoised(ctx.memo.repliesByRoot, repo, () =>
    groupBy(repo.reviewComments, (c) => (c.in_reply_to_id === null ? null : threadRoot(ctx, repo, c).id)),
  );
  return [root, ...(byRoot.get(root.id) ?? [])];
}
