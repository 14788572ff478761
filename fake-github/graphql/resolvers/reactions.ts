// `reactions` of issues, pull requests, conversation comments, review comments,
// releases, discussions and discussion comments (oldest first, filtered by `content`), and the Reaction type.
import { reactionsOf } from "../../store/reactions.js";
import type { FakeReaction, FakeReactionContent, FakeReactionSubject, FakeRepo } from "../../store/types.js";
import { paginate } from "../connection.js";
import type {
  DiscussionCommentSrc,
  DiscussionSrc,
  IssueCommentSrc,
  IssueSrc,
  ReleaseSrc,
  ReviewCommentSrc,
} from "../sources.js";
import { mapConnection } from "./issue-lists.js";
import { type Args, asUser, pageArgs, stringArg, type TypeResolvers } from "./shared.js";

/** GraphQL's ReactionContent value of each REST name. */
const CONTENT: Record<FakeReactionContent, string> = {
  "+1": "THUMBS_UP",
  "-1": "THUMBS_DOWN",
  laugh: "LAUGH",
  confused: "CONFUSED",
  heart: "HEART",
  hooray: "HOORAY",
  rocket: "ROCKET",
  eyes: "EYES",
};

export interface ReactionSrc {
  __typename: "Reaction";
  reaction: FakeReaction;
}

function connectionOf(repo: FakeRepo, subject: FakeReactionSubject, id: number, args: Args) {
  const content = stringArg(args, "content");
  const all = reactionsOf(repo, subject, id);
  const items = content === null ? all : all.filter((r) => CONTENT[r.content] === content);
  const page = paginate("reactions", pageArgs(args), items, (r) => [r.id]);
  return mapConnection(page, (reaction): ReactionSrc => ({ __typename: "Reaction", reaction }));
}

/** The `reactions` field of each reactable type (a pull request's are its issue's). */
export const reactionsField = {
  issue: (src: IssueSrc, args: Args) => connectionOf(src.repo, "issue", src.issue.id, args),
  issueComment: (src: IssueCommentSrc, args: Args) =>
    connectionOf(src.repo, "issue_comment", src.comment.id, args),
  reviewComment: (src: ReviewCommentSrc, args: Args) =>
    connectionOf(src.repo, "review_comment", src.comment.id, args),
  release: (src: ReleaseSrc, args: Args) => connectionOf(src.repo, "release", src.release.id, args),
  discussion: (src: DiscussionSrc, args: Args) =>
    connectionOf(src.repo, "discussion", src.discussion.id, args),
  discussionComment: (src: DiscussionCommentSrc, args: Args) =>
    connectionOf(src.repo, "discussion_comment", src.comment.id, args),
};

export const reactionResolvers: TypeResolvers<ReactionSrc> = {
  id: (src) => src.reaction.node_id,
  databaseId: (src) => src.reaction.id,
  content: (src) => CONTENT[src.reaction.content],
  createdAt: (src) => src.reaction.created_at,
  user: (src, _args, ctx) => asUser(ctx, src.reaction.userId),
};
