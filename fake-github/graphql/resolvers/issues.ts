// Issue and PullRequest: the fields they share (both are store issues) and
// the pull-request-only ones.
import { findIssueById } from "../../store/lookup.js";
import type { FakeIssue, FakeRepo, FakeUser } from "../../store/types.js";
import { paginate, paginateSorted } from "../connection.js";
import {
  canRead,
  commentsOfIssue,
  type GqlContext,
  reviewCommentsOfPull,
  reviewsOfPull,
} from "../context.js";
import {
  commitSrc,
  type IssueSrc,
  issueCommentSrc,
  issueSrc,
  milestoneSrc,
  repoSrc,
  reviewSrc,
  threadSrc,
  userSrc,
} from "../sources.js";
import { timelineItems } from "./events.js";
import { issueState, labelConnection, mapConnection } from "./issue-lists.js";
import {
  actor,
  association,
  bigInt,
  boolArg,
  issuePath,
  orderArg,
  pageArgs,
  stringArg,
  stringListArg,
  type TypeResolvers,
} from "./shared.js";

const lockReasons: Record<string, string> = {
  "off-topic": "OFF_TOPIC",
  "too heated": "TOO_HEATED",
  resolved: "RESOLVED",
  spam: "SPAM",
};

function databaseId(src: IssueSrc): number {
  return src.__typename === "PullRequest" && src.issue.pull ? src.issue.pull.id : src.issue.id;
}

function repoByFullName(ctx: GqlContext, fullName: string | null): FakeRepo | null {
  if (fullName === null) return null;
  const repo = ctx.store.repos.get(fullName.toLowerCase());
  return repo && canRead(ctx, repo) ? repo : null;
}

/** A readable issue by store-wide id (sub-issues may live in another repository of the same owner). */
function issueById(ctx: GqlContext, id: number): { repo: FakeRepo; issue: FakeIssue } | null {
  const found = findIssueById(ctx.store, id);
  return found && canRead(ctx, found.repo) ? found : null;
}

export function subIssuesSummary(ctx: GqlContext, issue: FakeIssue) {
  const total = issue.subIssueIds.length;
  let completed = 0;
  for (const id of issue.subIssueIds) if (findIssueById(ctx.store, id)?.issue.state === "closed") completed++;
  return { total, completed, percentCompleted: total === 0 ? 0 : Math.floor((completed * 100) / total) };
}

/** Fields Issue and PullRequest share. */
export const issueLikeResolvers: TypeResolvers<IssueSrc> = {
  id: (src) =>
    src.__typename === "PullRequest" && src.issue.pull ? src.issue.pull.node_id : src.issue.node_id,
  databaseId: (src) => databaseId(src),
  fullDatabaseId: (src) => bigInt(databaseId(src)),
  number: (src) => src.issue.number,
  title: (src) => src.issue.title,
  body: (src) => src.issue.body ?? "",
  state: (src) => {
    const state = issueState(src.issue);
    return src.__typename === "Issue" && state === "MERGED" ? "CLOSED" : state;
  },
  closed: (src) => src.issue.state === "closed",
  closedAt: (src) => src.issue.closed_at,
  createdAt: (src) => src.issue.created_at,
  updatedAt: (src) => src.issue.updated_at,
  locked: (src) => src.issue.locked,
  activeLockReason: (src) =>
    src.issue.active_lock_reason === null ? null : (lockReasons[src.issue.active_lock_reason] ?? null),
  author: (src, _args, ctx) => actor(ctx, src.issue.userId),
  authorAssociation: (src) => association(src.issue.author_association),
  resourcePath: (src) => issuePath(src.repo, src.issue),
  url: (src, _args, ctx) => `${ctx.baseUrl}${issuePath(src.repo, src.issue)}`,
  repository: (src) => repoSrc(src.repo),
  milestone: (src) => {
    const milestone = src.repo.milestones.find((m) => m.number === src.issue.milestoneNumber);
    return milestone ? milestoneSrc(src.repo, milestone) : null;
  },
  labels: (src, args) => labelConnection(src.repo, src.issue.labelIds, args),
  assignees: (src, args, ctx) => {
    const users = src.issue.assigneeIds.flatMap((id) => {
      const user = ctx.store.users.get(id);
      return user ? [user] : [];
    });
    const position = new Map(users.map((user, index) => [user.id, index]));
    const page = paginate("assignees", pageArgs(args), users, (u: FakeUser) => [position.get(u.id) ?? 0]);
    return mapConnection(page, (user) => ({ ...userSrc(user), __typename: "User" as const }));
  },
  comments: (src, args, ctx) => {
    const order = orderArg(args, { field: "CREATED_AT", direction: "ASC" });
    const comments = commentsOfIssue(ctx, src.repo, src.issue.number);
    const key =
      order.field === "UPDATED_AT"
        ? (c: (typeof comments)[number]) => [c.updated_at, c.id]
        : (c: (typeof comments)[number]) => [c.id];
    const page = paginateSorted("comments", pageArgs(args), comments, key, order.descending);
    return mapConnection(page, (comment) => issueCommentSrc(src.repo, comment));
  },
};

export const issueResolvers: TypeResolvers<IssueSrc> = {
  ...issueLikeResolvers,
  stateReason: (src, args) => {
    const reason = src.issue.state_reason;
    if (reason === null) return null;
    if (reason === "duplicate") return boolArg(args, "enableDuplicate") ? "DUPLICATE" : "NOT_PLANNED";
    return reason.toUpperCase();
  },
  parent: (src, _args, ctx) => {
    const parent = src.issue.parentId === null ? null : issueById(ctx, src.issue.parentId);
    return parent ? issueSrc(parent.repo, parent.issue) : null;
  },
  subIssues: (src, args, ctx) => {
    const children = src.issue.subIssueIds.flatMap((id) => {
      const child = issueById(ctx, id);
      return child ? [child] : [];
    });
    const position = new Map(children.map((child, index) => [child.issue.id, index]));
    const page = paginate("subIssues", pageArgs(args), children, (child) => [
      position.get(child.issue.id) ?? 0,
    ]);
    return mapConnection(page, (child) => issueSrc(child.repo, child.issue));
  },
  subIssuesSummary: (src, _args, ctx) => subIssuesSummary(ctx, src.issue),
  timelineItems: (src, args) => timelineItems(src, args),
};

function pull(src: IssueSrc) {
  const value = src.issue.pull;
  if (!value) throw new Error(`issue #${src.issue.number} served as a PullRequest has no pull side`);
  return value;
}

export const pullRequestResolvers: TypeResolvers<IssueSrc> = {
  ...issueLikeResolvers,
  headRefName: (src) => pull(src).head.ref,
  headRefOid: (src) => pull(src).head.sha,
  headRepository: (src, _args, ctx) => {
    const repo = repoByFullName(ctx, pull(src).head.repoFullName);
    return repo ? repoSrc(repo) : null;
  },
  baseRefName: (src) => pull(src).base.ref,
  baseRefOid: (src) => pull(src).base.sha,
  baseRepository: (src) => repoSrc(src.repo),
  isCrossRepository: (src) => {
    const head = pull(src).head.repoFullName;
    return head !== null && head.toLowerCase() !== `${src.repo.ownerLogin}/${src.repo.name}`.toLowerCase();
  },
  isDraft: (src) => pull(src).draft,
  timelineItems: (src, args) => timelineItems(src, args),
  merged: (src) => pull(src).merged_at !== null,
  mergedAt: (src) => pull(src).merged_at,
  mergedBy: (src, _args, ctx) => actor(ctx, pull(src).mergedById),
  mergeCommit: (src) => {
    const sha = pull(src).merge_commit_sha;
    return sha && pull(src).merged_at ? commitSrc(src.repo, sha) : null;
  },
  reviews: (src, args, ctx) => {
    const author = stringArg(args, "author")?.toLowerCase() ?? null;
    const states = stringListArg(args, "states");
    const reviews = reviewsOfPull(ctx, src.repo, src.issue.number).filter((review) => {
      if (states && !states.includes(review.state)) return false;
      if (author === null) return true;
      const user = review.userId === null ? undefined : ctx.store.users.get(review.userId);
      return user?.login.toLowerCase() === author;
    });
    const key = (review: (typeof reviews)[number]) => [review.id];
    const page = paginateSorted("reviews", pageArgs(args), reviews, key);
    return mapConnection(page, (review) => reviewSrc(src.repo, review));
  },
  reviewThreads: (src, args, ctx) => {
    const roots = reviewCommentsOfPull(ctx, src.repo, src.issue.number).filter(
      (c) => c.in_reply_to_id === null,
    );
    const key = (root: (typeof roots)[number]) => [root.id];
    const page = paginateSorted("reviewThreads", pageArgs(args), roots, key);
    return mapConnection(page, (root) => threadSrc(src.repo, root));
  },
};
