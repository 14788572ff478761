// How big each named dataset is. Entity totals are fixed by these numbers (the
// seed only changes which issue gets what), so counts are the same for every
// seed; generate.ts documents the resulting exact counts.

export type DatasetName = "small" | "medium" | "large" | "skewed" | "tricky" | "empty";

export interface DatasetConfig {
  /** Human accounts besides the admin (plus one bot). */
  people: number;
  labels: number;
  milestones: number;
  issues: number;
  pulls: number;
  /** Conversation comments on issues / on pull requests. */
  issueComments: number;
  prComments: number;
  reviews: number;
  /** Top-level review comments, and replies in their threads. */
  reviewComments: number;
  reviewReplies: number;
  /** Sub-issue trees of the standard shape (see subTreeShape). */
  subTrees: number;
  /** Tree 0 is a parent with exactly 100 children instead. */
  hundredChildParent: boolean;
  releases: number;
  assetsPerRelease: number;
  /** The last release is a draft. */
  draftRelease: boolean;
  maxLabelsPerItem: number;
  /** Issues in the owner's second repository. */
  otherRepoIssues: number;
}

const base: DatasetConfig = {
  people: 8,
  labels: 12,
  milestones: 12,
  issues: 12,
  pulls: 12,
  issueComments: 24,
  prComments: 12,
  reviews: 24,
  reviewComments: 24,
  reviewReplies: 12,
  subTrees: 2,
  hundredChildParent: false,
  releases: 3,
  assetsPerRelease: 2,
  draftRelease: false,
  maxLabelsPerItem: 3,
  otherRepoIssues: 3,
};

export const datasetConfigs: Record<DatasetName, DatasetConfig> = {
  small: base,
  medium: {
    ...base,
    people: 20,
    labels: 30,
    milestones: 15,
    issues: 1000,
    pulls: 300,
    issueComments: 3000,
    prComments: 1000,
    reviews: 600,
    reviewComments: 700,
    reviewReplies: 200,
    subTrees: 50,
    hundredChildParent: true,
    releases: 10,
    draftRelease: true,
    otherRepoIssues: 5,
  },
  large: {
    ...base,
    people: 40,
    labels: 30,
    milestones: 15,
    issues: 12000,
    pulls: 3000,
    issueComments: 30000,
    prComments: 10000,
    reviews: 6000,
    reviewComments: 7000,
    reviewReplies: 2000,
    subTrees: 500,
    hundredChildParent: true,
    releases: 20,
    draftRelease: true,
    otherRepoIssues: 5,
  },
  skewed: {
    ...base,
    people: 12,
    labels: 10,
    milestones: 5,
    issues: 5000,
    pulls: 200,
    issueComments: 40,
    prComments: 20,
    reviews: 200,
    reviewComments: 60,
    reviewReplies: 20,
    subTrees: 10,
    releases: 30,
    assetsPerRelease: 1,
    draftRelease: true,
    maxLabelsPerItem: 10,
  },
  // The random base of tricky; generate-tricky.ts adds the hand-made hard cases.
  tricky: {
    ...base,
    people: 6,
    labels: 0,
    milestones: 4,
    issues: 10,
    pulls: 8,
    issueComments: 16,
    prComments: 8,
    reviews: 10,
    reviewComments: 10,
    reviewReplies: 4,
    subTrees: 0,
    releases: 0,
  },
  empty: {
    ...base,
    people: 2,
    labels: 0,
    milestones: 0,
    issues: 0,
    pulls: 0,
    issueComments: 0,
    prComments: 0,
    reviews: 0,
    reviewComments: 0,
    reviewReplies: 0,
    subTrees: 0,
    releases: 0,
    otherRepoIssues: 0,
  },
};

/** Children of tree t and, per child, its own children (a 3-level tree on even t). */
export function subTreeShape(t: number): number[] {
  const children = 2 + (t % 3);
  const shape: number[] = [];
  for (let j = 0; j < children; j++) shape.push(j === 0 && t % 2 === 0 ? 2 : 0);
  return shape;
}
