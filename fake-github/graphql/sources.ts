// The values resolvers pass between each other: a store record plus what is
// needed to serialise it (its repository), tagged with the GraphQL type name
// so interfaces and unions resolve by `__typename`.
import type {
  FakeAsset,
  FakeDiscussion,
  FakeDiscussionCategory,
  FakeDiscussionComment,
  FakeIssue,
  FakeIssueComment,
  FakeLabel,
  FakeMilestone,
  FakeRelease,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeUser,
} from "../store/types.js";

export interface UserSrc {
  __typename: "User" | "Bot" | "Organization";
  user: FakeUser;
}
export interface RepoSrc {
  __typename: "Repository";
  repo: FakeRepo;
}
export interface IssueSrc {
  __typename: "Issue" | "PullRequest";
  repo: FakeRepo;
  issue: FakeIssue;
}
export interface IssueCommentSrc {
  __typename: "IssueComment";
  repo: FakeRepo;
  comment: FakeIssueComment;
}
export interface ReviewSrc {
  __typename: "PullRequestReview";
  repo: FakeRepo;
  review: FakeReview;
}
export interface ReviewCommentSrc {
  __typename: "PullRequestReviewComment";
  repo: FakeRepo;
  comment: FakeReviewComment;
}
/** A review thread: the fake store keeps none, so a thread is its root comment and the replies to it. */
export interface ThreadSrc {
  __typename: "PullRequestReviewThread";
  repo: FakeRepo;
  root: FakeReviewComment;
}
export interface LabelSrc {
  __typename: "Label";
  repo: FakeRepo;
  label: FakeLabel;
}
export interface MilestoneSrc {
  __typename: "Milestone";
  repo: FakeRepo;
  milestone: FakeMilestone;
}
export interface ReleaseSrc {
  __typename: "Release";
  repo: FakeRepo;
  release: FakeRelease;
}
export interface AssetSrc {
  __typename: "ReleaseAsset";
  repo: FakeRepo;
  release: FakeRelease;
  asset: FakeAsset;
}
export interface CommitSrc {
  __typename: "Commit";
  repo: FakeRepo;
  oid: string;
}
export interface RefSrc {
  __typename: "Ref";
  repo: FakeRepo;
  name: string;
  oid: string;
}

export interface DiscussionSrc {
  __typename: "Discussion";
  repo: FakeRepo;
  discussion: FakeDiscussion;
}
export interface DiscussionCommentSrc {
  __typename: "DiscussionComment";
  repo: FakeRepo;
  comment: FakeDiscussionComment;
}
export interface DiscussionCategorySrc {
  __typename: "DiscussionCategory";
  repo: FakeRepo;
  category: FakeDiscussionCategory;
}

export type NodeSrc =
  | UserSrc
  | RepoSrc
  | IssueSrc
  | IssueCommentSrc
  | ReviewSrc
  | ReviewCommentSrc
  | ThreadSrc
  | LabelSrc
  | MilestoneSrc
  | ReleaseSrc
  | AssetSrc
  | CommitSrc
  | RefSrc
  | DiscussionSrc
  | DiscussionCommentSrc
  | DiscussionCategorySrc;

export function userSrc(user: FakeUser): UserSrc {
  return { __typename: user.type, user };
}
export function repoSrc(repo: FakeRepo): RepoSrc {
  return { __typename: "Repository", repo };
}
/** An issue or pull request, typed by whether the store record has a pull side. */
export function issueSrc(repo: FakeRepo, issue: FakeIssue): IssueSrc {
  return { __typename: issue.pull ? "PullRequest" : "Issue", repo, issue };
}
export function issueCommentSrc(repo: FakeRepo, comment: FakeIssueComment): IssueCommentSrc {
  return { __typename: "IssueComment", repo, comment };
}
export function reviewSrc(repo: FakeRepo, review: FakeReview): ReviewSrc {
  return { __typename: "PullRequestReview", repo, review };
}
export function reviewCommentSrc(repo: FakeRepo, comment: FakeReviewComment): ReviewCommentSrc {
  return { __typename: "PullRequestReviewComment", repo, comment };
}
export function threadSrc(repo: FakeRepo, root: FakeReviewComment): ThreadSrc {
  return { __typename: "PullRequestReviewThread", repo, root };
}
export function labelSrc(repo: FakeRepo, label: FakeLabel): LabelSrc {
  return { __typename: "Label", repo, label };
}
export function milestoneSrc(repo: FakeRepo, milestone: FakeMilestone): MilestoneSrc {
  return { __typename: "Milestone", repo, milestone };
}
export function releaseSrc(repo: FakeRepo, release: FakeRelease): ReleaseSrc {
  return { __typename: "Release", repo, release };
}
export function assetSrc(repo: FakeRepo, release: FakeRelease, asset: FakeAsset): AssetSrc {
  return { __typename: "ReleaseAsset", repo, release, asset };
}
export function commitSrc(repo: FakeRepo, oid: string): CommitSrc {
  return { __typename: "Commit", repo, oid };
}
export function refSrc(repo: FakeRepo, name: string, oid: string): RefSrc {
  return { __typename: "Ref", repo, name, oid };
}
export function discussionSrc(repo: FakeRepo, discussion: FakeDiscussion): DiscussionSrc {
  return { __typename: "Discussion", repo, discussion };
}
export function discussionCommentSrc(repo: FakeRepo, comment: FakeDiscussionComment): DiscussionCommentSrc {
  return { __typename: "DiscussionComment", repo, comment };
}
export function discussionCategorySrc(
  repo: FakeRepo,
  category: FakeDiscussionCategory,
): DiscussionCategorySrc {
  return { __typename: "DiscussionCategory", repo, category };
}
