// Dispatches every field to its resolver by parent type; fields without one
// read the property of the same name (connections, pageInfo, summaries are
// plain objects already). Abstract types resolve by the `__typename` tag.
import type { GraphQLFieldResolver, GraphQLTypeResolver } from "graphql";
import type { GqlContext } from "../context.js";
import { actorResolvers } from "./actors.js";
import {
  issueCommentResolvers,
  reviewCommentResolvers,
  reviewResolvers,
  threadResolvers,
} from "./comments.js";
import { discussionMutationResolvers } from "./discussion-mutations.js";
import {
  discussionCategoryResolvers,
  discussionCommentResolvers,
  discussionResolvers,
  repositoryDiscussionResolvers,
} from "./discussions.js";
import { EVENT_TYPES, eventResolvers } from "./events.js";
import { issueResolvers, pullRequestResolvers } from "./issues.js";
import {
  assetResolvers,
  commitResolvers,
  labelResolvers,
  milestoneResolvers,
  refResolvers,
  releaseResolvers,
} from "./objects.js";
import { queryResolvers } from "./query.js";
import { reactionResolvers, reactionsField } from "./reactions.js";
import { repositoryResolvers } from "./repository.js";
import type { Args, Resolver } from "./shared.js";

// Each map is typed by its own source; the dispatcher only ever hands a map the
// source its parent type produced, hence the widening to `never` here.
const byType: Record<string, Record<string, Resolver<never>>> = {
  Query: queryResolvers,
  User: actorResolvers,
  Bot: actorResolvers,
  Organization: actorResolvers,
  Repository: { ...repositoryResolvers, ...repositoryDiscussionResolvers },
  Issue: { ...issueResolvers, reactions: reactionsField.issue },
  PullRequest: { ...pullRequestResolvers, reactions: reactionsField.issue },
  IssueComment: { ...issueCommentResolvers, reactions: reactionsField.issueComment },
  PullRequestReview: reviewResolvers,
  PullRequestReviewComment: { ...reviewCommentResolvers, reactions: reactionsField.reviewComment },
  PullRequestReviewThread: threadResolvers,
  Label: labelResolvers,
  Milestone: milestoneResolvers,
  Release: { ...releaseResolvers, reactions: reactionsField.release },
  ReleaseAsset: assetResolvers,
  Commit: commitResolvers,
  Ref: refResolvers,
  Reaction: reactionResolvers,
  Discussion: { ...discussionResolvers, reactions: reactionsField.discussion },
  DiscussionComment: { ...discussionCommentResolvers, reactions: reactionsField.discussionComment },
  DiscussionCategory: discussionCategoryResolvers,
  Mutation: discussionMutationResolvers,
  ...Object.fromEntries(Object.values(EVENT_TYPES).map((name) => [name, eventResolvers])),
};

export const fieldResolver: GraphQLFieldResolver<unknown, GqlContext> = (source, args, ctx, info) => {
  const resolver = byType[info.parentType.name]?.[info.fieldName];
  if (resolver) return resolver(source as never, args as Args, ctx);
  if (typeof source === "object" && source !== null) {
    return (source as Record<string, unknown>)[info.fieldName];
  }
  return undefined;
};

export const typeResolver: GraphQLTypeResolver<unknown, GqlContext> = (value) => {
  if (typeof value === "object" && value !== null && "__typename" in value) {
    const name = (value as { __typename: unknown }).__typename;
    if (typeof name === "string") return name;
  }
  return undefined;
};
