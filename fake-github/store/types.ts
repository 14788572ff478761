// The fake GitHub's in-memory state. Internal records keep references as ids
// (users, labels) or numbers (milestones, issues) so REST and GraphQL can each
// serialise them in their own shape. Timestamps are ISO 8601 UTC strings ending in "Z".

export type Iso = string;

export interface FakeUser {
  id: number;
  node_id: string;
  login: string;
  type: "User" | "Bot" | "Organization";
  site_admin: boolean;
}

export interface FakeToken {
  /** The user the token acts as. */
  userId: number;
  /** Repositories ("owner/name") the token may read; "*" = every repository. */
  read: "*" | string[];
  /** Repositories the token may write (restore); "*" = every repository. */
  write: "*" | string[];
  /** The token may create repositories for its user and for any owner. */
  createRepos: boolean;
  /** The token may use the Issue Import API (needs admin on the target). */
  importApi: boolean;
  /**
   * Repositories the token administers (settings, protection, hooks, unpublished
   * advisories); "*" = every repository. Unset = the repositories it may write.
   */
  admin?: "*" | string[];
}

export interface FakeLabel {
  id: number;
  node_id: string;
  name: string;
  /** Six hex digits, no "#". */
  color: string;
  description: string | null;
  default: boolean;
}

export interface FakeMilestone {
  id: number;
  node_id: string;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  creatorId: number | null;
  created_at: Iso;
  updated_at: Iso;
  closed_at: Iso | null;
  due_on: Iso | null;
}

export type StateReason = "completed" | "not_planned" | "duplicate" | "reopened";
export type LockReason = "off-topic" | "too heated" | "resolved" | "spam";

/** The pull-request side of an issue whose `pull` is set. */
export interface FakePull {
  /** The PR id (distinct from the issue id, as on GitHub). */
  id: number;
  node_id: string;
  head: { ref: string; sha: string; repoFullName: string | null };
  base: { ref: string; sha: string };
  draft: boolean;
  merged_at: Iso | null;
  merge_commit_sha: string | null;
  mergedById: number | null;
}

/** An issue or, when `pull` is set, a pull request (they share one number sequence). */
export interface FakeIssue {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: StateReason | null;
  locked: boolean;
  active_lock_reason: LockReason | null;
  /** null = a deleted user (REST `user: null`, GraphQL `author: null`; shown as "ghost" on the web). */
  userId: number | null;
  labelIds: number[];
  assigneeIds: number[];
  milestoneNumber: number | null;
  created_at: Iso;
  updated_at: Iso;
  closed_at: Iso | null;
  closedById: number | null;
  author_association: string;
  pull: FakePull | null;
  /** Ordered child issue ids (sub-issues); at most 100. */
  subIssueIds: number[];
  /** Id of the parent issue, if this issue is a sub-issue. */
  parentId: number | null;
}

export interface FakeIssueComment {
  id: number;
  node_id: string;
  /** The issue or PR number the comment belongs to. */
  issue_number: number;
  body: string;
  userId: number | null;
  created_at: Iso;
  updated_at: Iso;
  author_association: string;
}

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface FakeReview {
  id: number;
  node_id: string;
  pull_number: number;
  userId: number | null;
  body: string;
  state: ReviewState;
  submitted_at: Iso | null;
  commit_id: string;
  author_association: string;
}

export interface FakeReviewComment {
  id: number;
  node_id: string;
  pull_number: number;
  pull_request_review_id: number | null;
  in_reply_to_id: number | null;
  path: string;
  line: number | null;
  side: "LEFT" | "RIGHT" | null;
  start_line: number | null;
  start_side: "LEFT" | "RIGHT" | null;
  original_line: number | null;
  position: number | null;
  original_position: number | null;
  diff_hunk: string;
  commit_id: string;
  original_commit_id: string;
  subject_type: "line" | "file";
  body: string;
  userId: number | null;
  created_at: Iso;
  updated_at: Iso;
  author_association: string;
}

export interface FakeAsset {
  id: number;
  node_id: string;
  /** As GitHub stores it: untrusted, may contain spaces or "../". */
  name: string;
  label: string | null;
  content_type: string;
  data: Buffer;
  download_count: number;
  uploaderId: number | null;
  created_at: Iso;
  updated_at: Iso;
}

export interface FakeRelease {
  id: number;
  node_id: string;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  authorId: number | null;
  created_at: Iso;
  published_at: Iso | null;
  assets: FakeAsset[];
}

/** REST event names of the timeline events the fake models (GitHub's own spelling). */
export type FakeEventType =
  | "labeled"
  | "unlabeled"
  | "assigned"
  | "unassigned"
  | "milestoned"
  | "demilestoned"
  | "renamed"
  | "closed"
  | "reopened"
  | "locked"
  | "unlocked"
  | "referenced"
  | "cross-referenced"
  | "merged"
  | "review_requested"
  | "head_ref_deleted"
  | "convert_to_draft"
  | "ready_for_review";

/**
 * One event of an issue's or pull request's timeline. The closing and merge
 * events of closed issues and merged pulls are not stored: they are derived
 * from the issue's state (store/timeline.ts), so writes that close an issue
 * show in its timeline too.
 */
export interface FakeIssueEvent {
  id: number;
  node_id: string;
  issue_number: number;
  event: FakeEventType;
  actorId: number | null;
  created_at: Iso;
  /** referenced, merged. */
  commit_id?: string;
  /** labeled/unlabeled: the label as it was then (it may have been renamed or deleted since). */
  label?: { name: string; color: string };
  /** assigned/unassigned. */
  assigneeId?: number;
  /** milestoned/demilestoned. */
  milestoneTitle?: string;
  /** renamed. */
  rename?: { from: string; to: string };
  /** closed/reopened. */
  state_reason?: StateReason | null;
  /** locked. */
  lock_reason?: LockReason | null;
  /** review_requested. */
  requestedReviewerId?: number;
  /** cross-referenced: the issue or pull request that mentioned this one ("owner/name" lower-case key). */
  source?: { repoKey: string; number: number };
}

/** REST's reaction names (GraphQL spells them THUMBS_UP, THUMBS_DOWN, LAUGH, …). */
export type FakeReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

/**
 * What a reaction is on. A pull request's reactions are its issue's (REST
 * lists them under /issues/{n}/reactions), so "issue" covers both.
 */
export type FakeReactionSubject =
  | "issue"
  | "issue_comment"
  | "review_comment"
  | "release"
  | "discussion"
  | "discussion_comment";

export interface FakeReaction {
  id: number;
  node_id: string;
  content: FakeReactionContent;
  /** null = a deleted user. */
  userId: number | null;
  created_at: Iso;
}

/** A completed or pending Issue Import API request. */
export interface FakeIssueImport {
  id: number;
  status: "pending" | "imported" | "failed";
  created_at: Iso;
  updated_at: Iso;
  /** Set once imported. */
  issueNumber: number | null;
  errors: Array<{ location: string; resource: string; field: string; value: string; code: string }>;
  /** The accepted payload, applied when the import completes. */
  payload: unknown;
  /** The user who requested the import (authors the issue and comments); added by the REST-writes helper. */
  importerId?: number;
}

/** The settings GET /repos/{owner}/{repo} reports and PATCH changes (besides description and visibility). */
export interface FakeRepoSettings {
  homepage: string | null;
  topics: string[];
  has_issues: boolean;
  has_projects: boolean;
  has_wiki: boolean;
  has_discussions: boolean;
  allow_squash_merge: boolean;
  allow_merge_commit: boolean;
  allow_rebase_merge: boolean;
  allow_auto_merge: boolean;
  delete_branch_on_merge: boolean;
  allow_update_branch: boolean;
  use_squash_pr_title_as_default: boolean;
  squash_merge_commit_title: "PR_TITLE" | "COMMIT_OR_PR_TITLE";
  squash_merge_commit_message: "PR_BODY" | "COMMIT_MESSAGES" | "BLANK";
  merge_commit_title: "PR_TITLE" | "MERGE_MESSAGE";
  merge_commit_message: "PR_BODY" | "PR_TITLE" | "BLANK";
  archived: boolean;
  is_template: boolean;
  web_commit_signoff_required: boolean;
}

/** Classic branch protection of one branch (users and teams by id). */
export interface FakeBranchProtection {
  required_status_checks: { strict: boolean; contexts: string[] } | null;
  enforce_admins: boolean;
  required_pull_request_reviews: {
    dismiss_stale_reviews: boolean;
    require_code_owner_reviews: boolean;
    required_approving_review_count: number;
    require_last_push_approval: boolean;
    dismissalUserIds: number[];
    dismissalTeamIds: number[];
  } | null;
  /** Who may push (organisation repositories only); null = everyone with write access. */
  restrictions: { userIds: number[]; teamIds: number[] } | null;
  required_linear_history: boolean;
  allow_force_pushes: boolean;
  allow_deletions: boolean;
  block_creations: boolean;
  required_conversation_resolution: boolean;
  lock_branch: boolean;
  allow_fork_syncing: boolean;
  required_signatures: boolean;
}

export interface FakeRulesetBypassActor {
  actor_id: number | null;
  actor_type: "Integration" | "OrganizationAdmin" | "RepositoryRole" | "Team" | "DeployKey" | "User";
  bypass_mode: "always" | "pull_request";
}

export interface FakeRuleset {
  id: number;
  node_id: string;
  name: string;
  target: "branch" | "tag" | "push";
  enforcement: "disabled" | "active" | "evaluate";
  bypass_actors: FakeRulesetBypassActor[];
  conditions: { ref_name: { include: string[]; exclude: string[] } } | null;
  rules: Array<{ type: string; parameters?: Record<string, unknown> }>;
  created_at: Iso;
  updated_at: Iso;
}

export type RepoRole = "read" | "triage" | "write" | "maintain" | "admin";
export type TeamPermission = "pull" | "triage" | "push" | "maintain" | "admin";

export interface FakeCollaborator {
  userId: number;
  role_name: RepoRole;
}

/** An organisation's team. */
export interface FakeTeam {
  id: number;
  node_id: string;
  orgLogin: string;
  slug: string;
  name: string;
  description: string | null;
  privacy: "closed" | "secret";
}

export interface FakeHook {
  id: number;
  name: "web";
  active: boolean;
  events: string[];
  /** `secret` is write-only: GitHub answers "********" in its place. */
  config: { url: string; content_type: "json" | "form"; insecure_ssl: "0" | "1"; secret: string | null };
  created_at: Iso;
  updated_at: Iso;
}

export interface FakeAdvisoryVulnerability {
  package: { ecosystem: string; name: string };
  vulnerable_version_range: string | null;
  patched_versions: string | null;
  vulnerable_functions: string[];
}

export interface FakeAdvisory {
  ghsa_id: string;
  cve_id: string | null;
  summary: string;
  description: string | null;
  severity: "critical" | "high" | "medium" | "low" | null;
  authorId: number | null;
  state: "published" | "closed" | "withdrawn" | "draft" | "triage";
  created_at: Iso;
  updated_at: Iso;
  published_at: Iso | null;
  closed_at: Iso | null;
  withdrawn_at: Iso | null;
  vulnerabilities: FakeAdvisoryVulnerability[];
  cwe_ids: string[];
}

/** A discussion category (GitHub offers no API to create one: only the web interface). */
export interface FakeDiscussionCategory {
  id: number;
  node_id: string;
  name: string;
  slug: string;
  /** GitHub's shortcode, e.g. ":speech_balloon:". */
  emoji: string;
  description: string | null;
  is_answerable: boolean;
  created_at: Iso;
  updated_at: Iso;
}

export type DiscussionStateReason = "resolved" | "outdated" | "duplicate" | "reopened";

/** A discussion: numbered in the same sequence as issues and pull requests, as on GitHub. */
export interface FakeDiscussion {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string;
  categoryId: number;
  userId: number | null;
  labelIds: number[];
  locked: boolean;
  active_lock_reason: LockReason | null;
  closed: boolean;
  state_reason: DiscussionStateReason | null;
  /** The comment chosen as the answer (answerable categories only). */
  answerCommentId: number | null;
  upvote_count: number;
  created_at: Iso;
  updated_at: Iso;
  closed_at: Iso | null;
}

/** A comment of a discussion, or (reply_to_id set) a reply to a top-level comment. */
export interface FakeDiscussionComment {
  id: number;
  node_id: string;
  discussion_number: number;
  reply_to_id: number | null;
  body: string;
  userId: number | null;
  upvote_count: number;
  created_at: Iso;
  updated_at: Iso;
}

export interface FakeRepo {
  id: number;
  node_id: string;
  ownerLogin: string;
  name: string;
  private: boolean;
  description: string | null;
  default_branch: string;
  created_at: Iso;
  updated_at: Iso;
  pushed_at: Iso;
  labels: FakeLabel[];
  milestones: FakeMilestone[];
  /** Issues and pull requests by number (one sequence). */
  issues: Map<number, FakeIssue>;
  /** The number the next issue/PR/milestone-independent item gets. */
  nextIssueNumber: number;
  nextMilestoneNumber: number;
  comments: FakeIssueComment[];
  reviews: FakeReview[];
  reviewComments: FakeReviewComment[];
  /** Timeline events besides the derived closing/merge events, in creation order. */
  events: FakeIssueEvent[];
  /** Reactions by subject ("issue:ID", "issue_comment:ID", …; store/reactions.ts), oldest first. */
  reactions: Map<string, FakeReaction[]>;
  releases: FakeRelease[];
  /** Branch name → commit sha (mirrors the bare git repository when there is one). */
  branches: Map<string, string>;
  /** Path of a bare git repository for clone/push, or null. */
  gitDir: string | null;
  /**
   * Path of the wiki's bare git repository (`<name>.wiki.git`); unset while the
   * wiki was never created (GitHub creates it with the first page made on the web).
   */
  wikiGitDir?: string;
  /** Git LFS objects by oid (the SHA-256 of the bytes); unset = none yet. */
  lfsObjects?: Map<string, Buffer>;
  imports: FakeIssueImport[];
  settings: FakeRepoSettings;
  /** Branch name → its classic protection. */
  protections: Map<string, FakeBranchProtection>;
  rulesets: FakeRuleset[];
  collaborators: FakeCollaborator[];
  /** Teams with access to the repository (ids into `FakeStore.teams`). */
  teamAccess: Array<{ teamId: number; permission: TeamPermission }>;
  hooks: FakeHook[];
  advisories: FakeAdvisory[];
  discussionCategories: FakeDiscussionCategory[];
  /** Discussions in creation order. */
  discussions: FakeDiscussion[];
  /** Comments and replies of every discussion, in creation order. */
  discussionComments: FakeDiscussionComment[];
}

/**
 * A file attached to a body (an image or file dropped into a comment), served
 * on the web host at `path` and redirected to signed storage like release
 * assets. Bodies link it as `<web origin><path>`.
 */
export interface FakeAttachment {
  /** The web path as links spell it (percent-encoded), e.g. "/user-attachments/assets/<uuid>". */
  path: string;
  /** The repository whose visibility decides who may download it ("owner/name", lower-case). */
  repoKey: string;
  /** As GitHub stores it: untrusted. */
  name: string;
  content_type: string;
  data: Buffer;
  /** Tests: redirect here instead of the fake's own storage (another host). */
  location?: string;
}

export interface FakeStore {
  users: Map<number, FakeUser>;
  tokens: Map<string, FakeToken>;
  /** Keyed "owner/name", lower-case. */
  repos: Map<string, FakeRepo>;
  /** Every organisation's teams. */
  teams: FakeTeam[];
  /** Every issue id in every repo → where it lives, for cross-repo sub-issues. */
  issueIndex: Map<number, { repoKey: string; number: number }>;
  /** Allocates a new globally unique numeric id. */
  nextId(): number;
  /** Files attached to bodies, by their web path (see FakeAttachment). */
  attachments: Map<string, FakeAttachment>;
  /** Deterministic clock for created/updated times of written objects. */
  now(): Iso;
  /**
   * Folder under which repositories created through the API get a bare git
   * repository (`<gitRoot>/<owner>/<name>.git`); unset = no git. Set by the
   * server when it runs with git; added by the REST-writes helper.
   */
  gitRoot?: string;
}
