// Typed sample records of the repository's settings and people (see fixtures.ts).
import type { BranchProtectionRecord } from "../../src/entities/branch_protection/record.js";
import type { CollaboratorRecord } from "../../src/entities/collaborators/record.js";
import type { RepositoryRecord } from "../../src/entities/repository/record.js";
import type { RulesetRecord } from "../../src/entities/rulesets/record.js";
import type { SecurityAdvisoryRecord } from "../../src/entities/security_advisories/record.js";
import type { TeamRecord } from "../../src/entities/teams/record.js";
import type { WebhookRecord } from "../../src/entities/webhooks/record.js";

const maya = { login: "maya", id: 42, type: "User" };
const at = "2025-03-01T10:00:00Z";

export const repositorySettings: RepositoryRecord = {
  id: 9,
  node_id: "R_9",
  name: "r",
  full_name: "o/r",
  owner: { login: "o", id: 1, type: "Organization" },
  description: "A repository",
  homepage: null,
  topics: ["backup", "github"],
  visibility: "public",
  private: false,
  default_branch: "main",
  archived: false,
  is_template: false,
  allow_forking: true,
  has_issues: true,
  has_projects: false,
  has_wiki: true,
  has_discussions: true,
  allow_squash_merge: true,
  allow_merge_commit: false,
  allow_rebase_merge: true,
  allow_auto_merge: null,
  delete_branch_on_merge: true,
  allow_update_branch: false,
  use_squash_pr_title_as_default: false,
  squash_merge_commit_title: "PR_TITLE",
  squash_merge_commit_message: "PR_BODY",
  merge_commit_title: "MERGE_MESSAGE",
  merge_commit_message: "PR_TITLE",
  web_commit_signoff_required: false,
};

export const branchProtection: BranchProtectionRecord = {
  branch: "main",
  required_status_checks: { strict: true, contexts: ["ci"] },
  required_pull_request_reviews: {
    dismiss_stale_reviews: true,
    require_code_owner_reviews: false,
    required_approving_review_count: 2,
    require_last_push_approval: false,
    dismissal_restrictions: { users: [maya], teams: [{ id: 5, slug: "core", name: "Core" }], apps: [] },
  },
  restrictions: null,
  enforce_admins: true,
  required_signatures: false,
  required_linear_history: true,
  allow_force_pushes: false,
  allow_deletions: false,
  block_creations: false,
  required_conversation_resolution: true,
  lock_branch: false,
  allow_fork_syncing: false,
};

export const ruleset: RulesetRecord = {
  id: 12,
  node_id: "RRS_12",
  name: "Protect main",
  target: "branch",
  source_type: "Repository",
  source: "o/r",
  enforcement: "active",
  bypass_actors: [{ actor_id: 5, actor_type: "Team", bypass_mode: "always" }],
  conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
  rules: [{ type: "deletion" }],
  created_at: at,
  updated_at: at,
};

export const collaborator: CollaboratorRecord = {
  ...maya,
  role_name: "write",
  permissions: { pull: true, triage: true, push: true, maintain: false, admin: false },
};

export const team: TeamRecord = {
  id: 5,
  node_id: "T_5",
  slug: "core",
  name: "Core",
  description: null,
  privacy: "closed",
  permission: "push",
  parent: null,
};

export const webhook: WebhookRecord = {
  id: 31,
  name: "web",
  active: true,
  events: ["push"],
  config: { url: "https://ci.example.invalid/hook", content_type: "json", insecure_ssl: "0" },
  created_at: at,
  updated_at: at,
};

export const securityAdvisory: SecurityAdvisoryRecord = {
  ghsa_id: "GHSA-2p2j-qprm-9mpr",
  cve_id: null,
  summary: "A flaw",
  description: null,
  severity: "high",
  author: maya,
  publisher: null,
  identifiers: [{ type: "GHSA", value: "GHSA-2p2j-qprm-9mpr" }],
  state: "draft",
  created_at: at,
  updated_at: at,
  published_at: null,
  closed_at: null,
  withdrawn_at: null,
  vulnerabilities: [{ package: { ecosystem: "npm", name: "x" }, vulnerable_version_range: "< 1" }],
  cvss: { vector_string: null, score: null },
  cwe_ids: ["CWE-79"],
  credits: [{ login: "maya", type: "reporter" }],
};
