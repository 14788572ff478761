// Per-request state shared by the resolvers: who asks, what the query costs,
// and the per-repository indexes (comments by issue, ...) so a page of 100
// issues does not rescan the repository 100 times. The store does not change
// while one query executes (resolvers are synchronous), so an index checked
// once per request stays valid for the rest of it.
import type {
  FakeIssueComment,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeStore,
  FakeToken,
  FakeUser,
} from "../store/types.js";
import { derive, groupBy } from "./groupings.js";

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

/** Indexes already fetched in this request, per store array and index name. */
export type RequestMemo = WeakMap<readonly unknown[], Map<string, unknown>>;

export function createMemo(): RequestMemo {
  return new WeakMap();
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

/** `derive`, looked up once per request. */
function indexed<T, V>(
  ctx: GqlContext,
  items: readonly T[],
  name: string,
  keyOf: (item: T) => number | null,
  build: (items: readonly T[]) => V,
): V {
  let byName = ctx.memo.get(items);
  if (!byName) {
    byName = new Map();
    ctx.memo.set(items, byName);
  }
  if (byName.has(name)) return byName.get(name) as V;
  const value = derive(items, name, keyOf, build);
  byName.set(name, value);
  return value;
}

function grouped<T>(ctx: GqlContext, items: readonly T[], name: string, keyOf: (item: T) => number | null) {
  return indexed(ctx, items, name, keyOf, (all) => groupBy(all, keyOf));
}

export function commentsOfIssue(ctx: GqlContext, repo: FakeRepo, number: number): FakeIssueComment[] {
  return grouped(ctx, repo.comments, "byIssue", (c) => c.issue_number).get(number) ?? [];
}

export function reviewById(ctx: GqlContext, repo: FakeRepo, id: number): FakeReview | undefined {
  return indexed(
    ctx,
    repo.reviews,
    "byId",
    (r) => r.id,
    (all) => {
      // The first review with an id wins, as a scan would find it.
      const byId = new Map<number, FakeReview>();
      for (const review of all) if (!byId.has(review.id)) byId.set(review.id, review);
      return byId;
    },
  ).get(id);
}

export function reviewsOfPull(ctx: GqlContext, repo: FakeRepo, number: number): FakeReview[] {
  return grouped(ctx, repo.reviews, "byPull", (r) => r.pull_number).get(number) ?? [];
}

export function reviewCommentsOfPull(ctx: GqlContext, repo: FakeRepo, number: number): FakeReviewComment[] {
  return grouped(ctx, repo.reviewComments, "byPull", (c) => c.pull_number).get(number) ?? [];
}

export function reviewCommentsOfReview(
  ctx: GqlContext,
  repo: FakeRepo,
  reviewId: number,
): FakeReviewComment[] {
  return grouped(ctx, repo.reviewComments, "byReview", (c) => c.pull_request_review_id).get(reviewId) ?? [];
}

function reviewCommentIndex(ctx: GqlContext, repo: FakeRepo): Map<number, FakeReviewComment> {
  return indexed(
    ctx,
    repo.reviewComments,
    "byId",
    (c) => c.id,
    (all) => new Map(all.map((c) => [c.id, c])),
  );
}

export function reviewCommentById(
  ctx: GqlContext,
  repo: FakeRepo,
  id: number,
): FakeReviewComment | undefined {
  return reviewCommentIndex(ctx, repo).get(id);
}

/** The first comment of the thread `comment` belongs to (replies may chain). */
function rootOf(byId: Map<number, FakeReviewComment>, comment: FakeReviewComment): FakeReviewComment {
  let current = comment;
  const seen = new Set<number>();
  while (current.in_reply_to_id !== null && !seen.has(current.id)) {
    seen.add(current.id);
    const parent = byId.get(current.in_reply_to_id);
    if (!parent) break;
    current = parent;
  }
  return current;
}

/** Every comment of a thread, root first, in the store's order. */
export function threadComments(
  ctx: GqlContext,
  repo: FakeRepo,
  root: FakeReviewComment,
): FakeReviewComment[] {
  const byRoot = indexed(
    ctx,
    repo.reviewComments,
    "repliesByRoot",
    (c) => c.in_reply_to_id,
    (all) => {
      const byId = new Map(all.map((c) => [c.id, c]));
      return groupBy(all, (c) => (c.in_reply_to_id === null ? null : rootOf(byId, c).id));
    },
  );
  return [root, ...(byRoot.get(root.id) ?? [])];
}
