// Restorers that change how the target behaves (features, merge settings,
// protection, rulesets) run after every type that writes content: a disabled
// feature or a protected branch must not refuse the restore's own writes.
import type { EntityName } from "../names.js";

export const CONTENT_TYPES: readonly EntityName[] = [
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
  "git_repo",
];
