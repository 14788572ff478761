// Discussion, DiscussionComment and DiscussionCategory, and the Repository
// fields that reach them. A repository with discussions turned off answers
// empty connections and no discussion, as GitHub does.
import type { FakeDiscussion, FakeDiscussionComment, FakeRepo } from "../../store/types.js";
import { paginateSorted, type SortKey } from "../connection.js";
import type { GqlContext } from "../context.js";
import { GitHubFieldError } from "../errors.js";
import { derive, groupBy } from "../groupings.js";
import {
  type DiscussionCategorySrc,
  type DiscussionCommentSrc,
  type DiscussionSrc,
  discussionCategorySrc,
  discussionCommentSrc,
  discussionSrc,
  type RepoSrc,
  repoSrc,
} from "../sources.js";
import { labelConnection, mapConnection } from "./issue-lists.js";
import { type Args, actor, intArg, orderArg, pageArgs, repoPath, type TypeResolvers } from "./shared.js";

function enabled(repo: FakeRepo): boolean {
  return repo.settings.has_discussions;
}

/** Top-level comments by discussion number, and replies by the comment they answer. */
function commentIndex(repo: FakeRepo) {
  return derive(
    repo.discussionComments,
    "byParent",
    (c) => c.reply_to_id ?? -c.discussion_number,
    (all) => groupBy(all, (c) => c.reply_to_id ?? -c.discussion_number),
  );
}

function topLevel(repo: FakeRepo, number: number): FakeDiscussionComment[] {
  return commentIndex(repo).get(-number) ?? [];
}

function repliesOf(repo: FakeRepo, commentId: number): FakeDiscussionComment[] {
  return commentIndex(repo).get(commentId) ?? [];
}

function commentConnection(repo: FakeRepo, comments: readonly FakeDiscussionComment[], args: Args) {
  const key = (c: FakeDiscussionComment): SortKey => [c.created_at, c.id];
  const page = paginateSorted("comments", pageArgs(args), comments, key);
  return mapConnection(page, (comment) => discussionCommentSrc(repo, comment));
}

function discussionUrl(ctx: GqlContext, repo: FakeRepo, number: number): string {
  return `${ctx.baseUrl}${repoPath(repo)}/discussions/${number}`;
}

function discussionOf(repo: FakeRepo, number: number): FakeDiscussion {
  const discussion = repo.discussions.find((d) => d.number === number);
  if (!discussion) throw new Error(`no discussion #${number} in ${repo.ownerLogin}/${repo.name}`);
  return discussion;
}

/** The Repository fields of discussions (spread into the repository's resolvers). */
export const repositoryDiscussionResolvers: TypeResolvers<RepoSrc> = {
  hasDiscussionsEnabled: (src) => enabled(src.repo),
  discussion: (src, args) => {
    const number = intArg(args, "number") ?? 0;
    const discussion = enabled(src.repo) ? src.repo.discussions.find((d) => d.number === number) : undefined;
    if (!discussion) {
      throw new GitHubFieldError(
        "NOT_FOUND",
        `Could not resolve to a Discussion with the number of ${number}.`,
      );
    }
    return discussionSrc(src.repo, discussion);
  },
  discussionCategories: (src, args) => {
    const categories = enabled(src.repo) ? src.repo.discussionCategories : [];
    const key = (c: { id: number }): SortKey => [c.id];
    const page = paginateSorted("discussionCategories", pageArgs(args), categories, key);
    return mapConnection(page, (category) => discussionCategorySrc(src.repo, category));
  },
  discussions: (src, args) => {
    const order = orderArg(args, { field: "UPDATED_AT", direction: "DESC" });
    const key =
      order.field === "CREATED_AT"
        ? (d: FakeDiscussion): SortKey => [d.created_at, d.id]
        : (d: FakeDiscussion): SortKey => [d.updated_at, d.id];
    const all = enabled(src.repo) ? src.repo.discussions : [];
    const page = paginateSorted("discussions", pageArgs(args), all, key, order.descending);
    return mapConnection(page, (discussion) => discussionSrc(src.repo, discussion));
  },
};

export const discussionResolvers: TypeResolvers<DiscussionSrc> = {
  id: (src) => src.discussion.node_id,
  databaseId: (src) => src.discussion.id,
  number: (src) => src.discussion.number,
  title: (src) => src.discussion.title,
  body: (src) => src.discussion.body,
  author: (src, _args, ctx) => actor(ctx, src.discussion.userId),
  category: (src) => {
    const category = src.repo.discussionCategories.find((c) => c.id === src.discussion.categoryId);
    if (!category) throw new Error(`discussion #${src.discussion.number} has no category`);
    return discussionCategorySrc(src.repo, category);
  },
  labels: (src, args) => labelConnection(src.repo, src.discussion.labelIds, args),
  locked: (src) => src.discussion.locked,
  activeLockReason: (src) => src.discussion.active_lock_reason?.toUpperCase().replace(/[- ]/g, "_") ?? null,
  closed: (src) => src.discussion.closed,
  closedAt: (src) => src.discussion.closed_at,
  stateReason: (src) => src.discussion.state_reason?.toUpperCase() ?? null,
  answer: (src) => {
    const id = src.discussion.answerCommentId;
    const comment = id === null ? undefined : src.repo.discussionComments.find((c) => c.id === id);
    return comment ? discussionCommentSrc(src.repo, comment) : null;
  },
  upvoteCount: (src) => src.discussion.upvote_count,
  createdAt: (src) => src.discussion.created_at,
  updatedAt: (src) => src.discussion.updated_at,
  url: (src, _args, ctx) => discussionUrl(ctx, src.repo, src.discussion.number),
  repository: (src) => repoSrc(src.repo),
  comments: (src, args) => commentConnection(src.repo, topLevel(src.repo, src.discussion.number), args),
};

export const discussionCommentResolvers: TypeResolvers<DiscussionCommentSrc> = {
  id: (src) => src.comment.node_id,
  databaseId: (src) => src.comment.id,
  body: (src) => src.comment.body,
  author: (src, _args, ctx) => actor(ctx, src.comment.userId),
  createdAt: (src) => src.comment.created_at,
  updatedAt: (src) => src.comment.updated_at,
  upvoteCount: (src) => src.comment.upvote_count,
  isAnswer: (src) => discussionOf(src.repo, src.comment.discussion_number).answerCommentId === src.comment.id,
  discussion: (src) => discussionSrc(src.repo, discussionOf(src.repo, src.comment.discussion_number)),
  replyTo: (src) => {
    const id = src.comment.reply_to_id;
    const parent = id === null ? undefined : src.repo.discussionComments.find((c) => c.id === id);
    return parent ? discussionCommentSrc(src.repo, parent) : null;
  },
  replies: (src, args) => commentConnection(src.repo, repliesOf(src.repo, src.comment.id), args),
  url: (src, _args, ctx) =>
    `${discussionUrl(ctx, src.repo, src.comment.discussion_number)}#discussioncomment-${src.comment.id}`,
};

export const discussionCategoryResolvers: TypeResolvers<DiscussionCategorySrc> = {
  id: (src) => src.category.node_id,
  name: (src) => src.category.name,
  slug: (src) => src.category.slug,
  emoji: (src) => src.category.emoji,
  description: (src) => src.category.description,
  isAnswerable: (src) => src.category.is_answerable,
  createdAt: (src) => src.category.created_at,
  updatedAt: (src) => src.category.updated_at,
  repository: (src) => repoSrc(src.repo),
};
