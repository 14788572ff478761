// Builders that insert fully-formed records into a repo, keeping the store's
// indexes (issue numbers, issueIndex, sub-issue links) consistent. Used by the
// dataset generator; no GitHub validation here (see store/mutations/ for that).

import { repoKey } from "../store/create-store.js";
import { issueShape } from "../store/issue-shape.js";
import { makeNodeId } from "../store/node-id.js";
import type {
  FakeAsset,
  FakeIssue,
  FakeIssueComment,
  FakeLabel,
  FakeMilestone,
  FakePull,
  FakeRelease,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeStore,
} from "../store/types.js";

export function insertLabel(
  store: FakeStore,
  repo: FakeRepo,
  init: Omit<FakeLabel, "id" | "node_id">,
): FakeLabel {
  const id = store.nextId();
  const label: FakeLabel = { id, node_id: makeNodeId("LA", id), ...init };
  repo.labels.push(label);
  return label;
}

export function insertMilestone(
  store: FakeStore,
  repo: FakeRepo,
  init: Omit<FakeMilestone, "id" | "node_id" | "number">,
): FakeMilestone {
  const id = store.nextId();
  const milestone: FakeMilestone = {
    id,
    node_id: makeNodeId("MI", id),
    number: repo.nextMilestoneNumber++,
    ...init,
  };
  repo.milestones.push(milestone);
  return milestone;
}

export type IssueInit = Omit<FakeIssue, "id" | "node_id" | "number" | "pull" | "subIssueIds" | "parentId"> & {
  pull: Omit<FakePull, "id" | "node_id"> | null;
};

/** Inserts an issue or PR with the repo's next number (GitHub: one sequence for both). */
export function insertIssue(store: FakeStore, repo: FakeRepo, init: IssueInit): FakeIssue {
  const id = store.nextId();
  const number = repo.nextIssueNumber++;
  let pull: FakePull | null = null;
  if (init.pull) {
    const pullId = store.nextId();
    pull = { id: pullId, node_id: makeNodeId("PR", pullId), ...init.pull };
  }
  const issue: FakeIssue = issueShape({
    ...init,
    id,
    // As on GitHub, a PR's issue row carries the PullRequest node id.
    node_id: pull ? pull.node_id : makeNodeId("I", id),
    number,
    pull,
    subIssueIds: [],
    parentId: null,
  });
  repo.issues.set(number, issue);
  store.issueIndex.set(id, { repoKey: repoKey(repo.ownerLogin, repo.name), number });
  return issue;
}

/** Adds a comment and, as GitHub does, bumps the issue's updated_at. */
export function insertIssueComment(
  store: FakeStore,
  repo: FakeRepo,
  init: Omit<FakeIssueComment, "id" | "node_id">,
): FakeIssueComment {
  const id = store.nextId();
  const comment: FakeIssueComment = { id, node_id: makeNodeId("IC", id), ...init };
  repo.comments.push(comment);
  touchIssue(repo, init.issue_number, init.created_at);
  return comment;
}

export function insertReview(
  store: FakeStore,
  repo: FakeRepo,
  init: Omit<FakeReview, "id" | "node_id">,
): FakeReview {
  const id = store.nextId();
  const review: FakeReview = { id, node_id: makeNodeId("PRR", id), ...init };
  repo.reviews.push(review);
  if (init.submitted_at) touchIssue(repo, init.pull_number, init.submitted_at);
  return review;
}

export function insertReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  init: Omit<FakeReviewComment, "id" | "node_id">,
): FakeReviewComment {
  const id = store.nextId();
  const comment: FakeReviewComment = { id, node_id: makeNodeId("PRRC", id), ...init };
  repo.reviewComments.push(comment);
  touchIssue(repo, init.pull_number, init.created_at);
  return comment;
}

export function insertRelease(
  store: FakeStore,
  repo: FakeRepo,
  init: Omit<FakeRelease, "id" | "node_id" | "assets">,
): FakeRelease {
  const id = store.nextId();
  const release: FakeRelease = { id, node_id: makeNodeId("RE", id), ...init, assets: [] };
  repo.releases.push(release);
  return release;
}

export function insertAsset(
  store: FakeStore,
  release: FakeRelease,
  init: Omit<FakeAsset, "id" | "node_id">,
): FakeAsset {
  const id = store.nextId();
  const asset: FakeAsset = { id, node_id: makeNodeId("RA", id), ...init };
  release.assets.push(asset);
  return asset;
}

/** Links child under parent (appended last); both may live in different repos of one owner. */
export function linkSubIssue(parent: FakeIssue, child: FakeIssue): void {
  if (child.parentId !== null) throw new Error(`issue ${child.id} already has a parent`);
  if (parent.subIssueIds.length >= 100) throw new Error(`issue ${parent.id} already has 100 sub-issues`);
  parent.subIssueIds.push(child.id);
  child.parentId = parent.id;
}

function touchIssue(repo: FakeRepo, number: number, at: string): void {
  const issue = repo.issues.get(number);
  if (issue && at > issue.updated_at) issue.updated_at = at;
}
