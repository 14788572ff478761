// Every entity type, once. Adding a type = one folder under src/entities plus
// one line here. Order is docs/format.md's file order (and the report order).
import { gitRepoSaver } from "./git_repo/save.js";
import { issueCommentsSaver } from "./issue_comments/save.js";
import { issuesSaver } from "./issues/save.js";
import { labelsSaver } from "./labels/save.js";
import { milestonesSaver } from "./milestones/save.js";
import type { EntityName } from "./names.js";
import { prCommentsSaver } from "./pr_comments/save.js";
import { prReviewCommentsSaver } from "./pr_review_comments/save.js";
import { prReviewsSaver } from "./pr_reviews/save.js";
import { pullRequestsSaver } from "./pull_requests/save.js";
import { releasesSaver } from "./releases/save.js";
import { subIssuesSaver } from "./sub_issues/save.js";
import type { EntitySaver } from "./types.js";

export const SAVERS: readonly EntitySaver[] = [
  labelsSaver,
  milestonesSaver,
  issuesSaver,
  issueCommentsSaver,
  subIssuesSaver,
  pullRequestsSaver,
  prCommentsSaver,
  prReviewsSaver,
  prReviewCommentsSaver,
  releasesSaver,
  gitRepoSaver,
];

/** The save jobs a selection runs ("release_assets" is an option of releases, not a job). */
export function saversFor(entities: ReadonlySet<EntityName>): EntitySaver[] {
  return SAVERS.filter((saver) => entities.has(saver.name));
}
