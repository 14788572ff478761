// Every restorer, once, in docs/format.md order. Adding a type = one
// src/entities/<type>/restore.ts plus one line here. The orchestrator orders
// the jobs by their `dependsOn`, not by this list.
import type { EntityRestorer } from "../restore/types.js";
import { gitRepoRestorer } from "./git_repo/restore.js";
import { issueCommentsRestorer } from "./issue_comments/restore.js";
import { issuesRestorer } from "./issues/restore.js";
import { labelsRestorer } from "./labels/restore.js";
import { milestonesRestorer } from "./milestones/restore.js";
import type { EntityName } from "./names.js";
import { prCommentsRestorer } from "./pr_comments/restore.js";
import { prReviewCommentsRestorer } from "./pr_review_comments/restore.js";
import { prReviewsRestorer } from "./pr_reviews/restore.js";
import { pullRequestsRestorer } from "./pull_requests/restore.js";
import { releasesRestorer } from "./releases/restore.js";
import { subIssuesRestorer } from "./sub_issues/restore.js";

// --- Pull-request side: owned by the pull-request restore helper. -----------
const PR_SIDE_RESTORERS: readonly EntityRestorer[] = [
  pullRequestsRestorer,
  prCommentsRestorer,
  prReviewsRestorer,
  prReviewCommentsRestorer,
  releasesRestorer,
  gitRepoRestorer,
];
// --- end of the pull-request side -------------------------------------------

export const RESTORERS: readonly EntityRestorer[] = [
  labelsRestorer,
  milestonesRestorer,
  issuesRestorer,
  issueCommentsRestorer,
  subIssuesRestorer,
  ...PR_SIDE_RESTORERS,
];

/** The restore jobs a selection runs ("release_assets" is an option of releases, not a job). */
export function restorersFor(entities: ReadonlySet<EntityName>): EntityRestorer[] {
  return RESTORERS.filter((restorer) => entities.has(restorer.name));
}
