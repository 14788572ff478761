// The mutations a restore of discussions uses: create a discussion, comment
// and reply, mark the answer, close, lock, label, update. Objects are named by
// global id; one the token cannot see is NOT_FOUND, one it cannot write
// FORBIDDEN, as GitHub answers. Categories have no mutation (GitHub has none).
import { canWriteRepo } from "../../http/auth.js";
import {
  closeDiscussion,
  insertDiscussion,
  insertDiscussionComment,
  lockDiscussion,
} from "../../store/discussions.js";
import type { DiscussionStateReason, FakeRepo, LockReason } from "../../store/types.js";
import type { GqlContext } from "../context.js";
import { GitHubFieldError } from "../errors.js";
import { findNode } from "../node-lookup.js";
import { discussionCommentSrc, discussionSrc, type NodeSrc } from "../sources.js";
import { type Args, objectArg, stringArg, stringListArg, type TypeResolvers } from "./shared.js";

function input(args: Args): Args {
  return objectArg(args, "input") ?? {};
}

/** The object behind a global id, writable by the token. */
function writable(ctx: GqlContext, id: string | null): NodeSrc & { repo: FakeRepo } {
  const found = id === null ? null : findNode(ctx, id);
  if (!found || !("repo" in found)) {
    throw new GitHubFieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
  }
  if (!canWriteRepo(ctx.token, found.repo)) {
    throw new GitHubFieldError("FORBIDDEN", "Resource not accessible by personal access token");
  }
  return found;
}

function discussionOf(ctx: GqlContext, id: string | null) {
  const found = writable(ctx, id);
  if (found.__typename !== "Discussion") {
    throw new GitHubFieldError(
      "NOT_FOUND",
      `Could not resolve to Discussion node with the global id of '${id}'.`,
    );
  }
  return found;
}

function unprocessable(message: string): GitHubFieldError {
  return new GitHubFieldError("UNPROCESSABLE", message);
}

function lockReason(value: string | null): LockReason | null {
  if (value === null) return null;
  const lower = value.toLowerCase();
  return (lower === "off_topic" ? "off-topic" : lower.replace(/_/g, " ")) as LockReason;
}

export const discussionMutationResolvers: TypeResolvers<unknown> = {
  createDiscussion: (_src, args, ctx) => {
    const fields = input(args);
    const repoNode = writable(ctx, stringArg(fields, "repositoryId"));
    if (repoNode.__typename !== "Repository") throw unprocessable("repositoryId is not a repository");
    const repo = repoNode.repo;
    if (!repo.settings.has_discussions) throw unprocessable("Discussions are disabled for this repository.");
    const categoryId = stringArg(fields, "categoryId");
    const category = repo.discussionCategories.find((c) => c.node_id === categoryId);
    if (!category) {
      throw new GitHubFieldError(
        "NOT_FOUND",
        `Could not resolve to a node with the global id of '${categoryId}'`,
      );
    }
    const now = ctx.store.now();
    const discussion = insertDiscussion(ctx.store, repo, {
      title: stringArg(fields, "title") ?? "",
      body: stringArg(fields, "body") ?? "",
      categoryId: category.id,
      userId: ctx.viewer.id,
      labelIds: [],
      locked: false,
      active_lock_reason: null,
      closed: false,
      state_reason: null,
      answerCommentId: null,
      upvote_count: 0,
      created_at: now,
      updated_at: now,
      closed_at: null,
    });
    repo.updated_at = now;
    return {
      clientMutationId: stringArg(fields, "clientMutationId"),
      discussion: discussionSrc(repo, discussion),
    };
  },

  addDiscussionComment: (_src, args, ctx) => {
    const fields = input(args);
    const { repo, discussion } = discussionOf(ctx, stringArg(fields, "discussionId"));
    const replyToId = stringArg(fields, "replyToId");
    let replyTo: number | null = null;
    if (replyToId !== null) {
      const parent = repo.discussionComments.find(
        (c) => c.node_id === replyToId && c.discussion_number === discussion.number,
      );
      if (!parent) {
        throw new GitHubFieldError(
          "NOT_FOUND",
          `Could not resolve to a node with the global id of '${replyToId}'`,
        );
      }
      // GitHub threads one level deep: a reply to a reply joins its thread.
      replyTo = parent.reply_to_id ?? parent.id;
    }
    const now = ctx.store.now();
    const comment = insertDiscussionComment(ctx.store, repo, {
      discussion_number: discussion.number,
      reply_to_id: replyTo,
      body: stringArg(fields, "body") ?? "",
      userId: ctx.viewer.id,
      upvote_count: 0,
      created_at: now,
      updated_at: now,
    });
    return {
      clientMutationId: stringArg(fields, "clientMutationId"),
      comment: discussionCommentSrc(repo, comment),
    };
  },

  markDiscussionCommentAsAnswer: (_src, args, ctx) => {
    const fields = input(args);
    const id = stringArg(fields, "id");
    const found = writable(ctx, id);
    if (found.__typename !== "DiscussionComment") {
      throw new GitHubFieldError(
        "NOT_FOUND",
        `Could not resolve to DiscussionComment node with the global id of '${id}'.`,
      );
    }
    const { repo, comment } = found;
    const discussion = repo.discussions.find((d) => d.number === comment.discussion_number);
    const category = repo.discussionCategories.find((c) => c.id === discussion?.categoryId);
    if (!discussion || !category?.is_answerable) {
      throw unprocessable("Discussion category does not support marking an answer.");
    }
    discussion.answerCommentId = comment.id;
    discussion.updated_at = ctx.store.now();
    return {
      clientMutationId: stringArg(fields, "clientMutationId"),
      discussion: discussionSrc(repo, discussion),
    };
  },

  closeDiscussion: (_src, args, ctx) => {
    const fields = input(args);
    const { repo, discussion } = discussionOf(ctx, stringArg(fields, "discussionId"));
    const reason = (stringArg(fields, "reason") ?? "RESOLVED").toLowerCase() as DiscussionStateReason;
    closeDiscussion(discussion, reason, ctx.store.now());
    return {
      clientMutationId: stringArg(fields, "clientMutationId"),
      discussion: discussionSrc(repo, discussion),
    };
  },

  lockLockable: (_src, args, ctx) => {
    const fields = input(args);
    const found = writable(ctx, stringArg(fields, "lockableId"));
    const reason = lockReason(stringArg(fields, "lockReason"));
    const now = ctx.store.now();
    if (found.__typename === "Discussion") lockDiscussion(found.discussion, reason, now);
    else if (found.__typename === "Issue" || found.__typename === "PullRequest") {
      found.issue.locked = true;
      found.issue.active_lock_reason = reason;
      found.issue.updated_at = now;
    } else throw unprocessable("The object cannot be locked.");
    return { clientMutationId: stringArg(fields, "clientMutationId"), lockedRecord: found };
  },

  addLabelsToLabelable: (_src, args, ctx) => {
    const fields = input(args);
    const found = writable(ctx, stringArg(fields, "labelableId"));
    const ids = (stringListArg(fields, "labelIds") ?? []).map((nodeId) => {
      const label = found.repo.labels.find((l) => l.node_id === nodeId);
      if (!label) {
        throw new GitHubFieldError(
          "NOT_FOUND",
          `Could not resolve to a node with the global id of '${nodeId}'`,
        );
      }
      return label.id;
    });
    const target =
      found.__typename === "Discussion"
        ? found.discussion
        : found.__typename === "Issue" || found.__typename === "PullRequest"
          ? found.issue
          : null;
    if (!target) throw unprocessable("The object cannot be labelled.");
    for (const id of ids) if (!target.labelIds.includes(id)) target.labelIds.push(id);
    target.updated_at = ctx.store.now();
    return { clientMutationId: stringArg(fields, "clientMutationId"), labelable: found };
  },

  updateDiscussion: (_src, args, ctx) => {
    const fields = input(args);
    const { repo, discussion } = discussionOf(ctx, stringArg(fields, "discussionId"));
    const title = stringArg(fields, "title");
    const body = stringArg(fields, "body");
    const categoryId = stringArg(fields, "categoryId");
    if (categoryId !== null) {
      const category = repo.discussionCategories.find((c) => c.node_id === categoryId);
      if (!category) {
        throw new GitHubFieldError(
          "NOT_FOUND",
          `Could not resolve to a node with the global id of '${categoryId}'`,
        );
      }
      discussion.categoryId = category.id;
    }
    if (title !== null) discussion.title = title;
    if (body !== null) discussion.body = body;
    discussion.updated_at = ctx.store.now();
    return {
      clientMutationId: stringArg(fields, "clientMutationId"),
      discussion: discussionSrc(repo, discussion),
    };
  },
};
