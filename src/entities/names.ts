// The entity (job) names users select with --include/--exclude, in ENTITIES
// order. A typed list of its own, free of imports, because the types the
// descriptors are built from (savers, restorers, the restore journal) name
// entities themselves; test/entities/descriptors.test.ts checks it matches ENTITIES.
export const ENTITY_NAMES = [
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
  "reactions",
  "git_repo",
  "repository",
  "branch_protection",
  "rulesets",
  "collaborators",
  "teams",
  "webhooks",
  "security_advisories",
  "discussions",
  "attachments",
  "wiki",
  "lfs_objects",
] as const;

export type EntityName = (typeof ENTITY_NAMES)[number];

export function isEntityName(value: string): value is EntityName {
  return (ENTITY_NAMES as readonly string[]).includes(value);
}
