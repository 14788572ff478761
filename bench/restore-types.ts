// The entity types whose restore creates content (the settings types write
// none): what the restore benchmark and the restore tests that count or
// compare content restore.
import type { EntityName } from "../src/entities/names.js";

export const CONTENT_TYPES: EntityName[] = [
  "labels",
  "milestones",
  "issues",
  "issue_comments",
  "sub_issues",
  "pull_requests",
  "pr_comments",
  "pr_reviews",
  "pr_review_comments",
  "releases",
  "release_assets",
  "issue_events",
  "git_repo",
];
