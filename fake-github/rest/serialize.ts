// Turns store records into GitHub REST JSON, shaped as api.github.com returns
// them (field names, nesting, nulls, *_url fields). Pure: reads the store only.
// Every URL is built from `baseUrl` (e.g. "http://127.0.0.1:1234"): API URLs as
// `${baseUrl}/repos/o/r/...`, web URLs as `${baseUrl}/o/r/...`.
import { createHash } from "node:crypto";
import { findUserByLogin, repoFullName } from "../store/create-store.js";
import { findIssueById } from "../store/lookup.js";
import type {
  FakeAsset,
  FakeIssue,
  FakeIssueComment,
  FakeLabel,
  FakeMilestone,
  FakeRelease,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeStore,
  FakeUser,
} from "../store/types.js";

export interface RestUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: FakeUser["type"];
  user_view_type: "public";
  site_admin: boolean;
}

export interface RestLabel {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export type RestMilestone = Record<string, unknown>;
export type RestIssue = Record<string, unknown>;
export type RestSubIssue = RestIssue;
export type RestPull = Record<string, unknown>;
export type RestIssueComment = Record<string, unknown>;
export type RestReview = Record<string, unknown>;
export type RestReviewComment = Record<string, unknown>;
export type RestRelease = Record<string, unknown>;
export type RestAsset = Record<string, unknown>;
export type RestRepo = Record<string, unknown>;

export interface RestPermissions {
  admin: boolean;
  maintain: boolean;
  push: boolean;
  triage: boolean;
  pull: boolean;
}

/**
 * Optional per-request memo of derived counts (comments per issue, milestone
 * totals). Without it each serialisation scans the repo, which is correct but
 * O(repo size); a route serialising a page of 100 items should create one cache
 * per request (never keep it across writes, it does not see later changes).
 */
export interface SerializeCache {
  commentCounts: WeakMap<FakeRepo, Map<number, number>>;
  reviewCommentCounts: WeakMap<FakeRepo, Map<number, number>>;
  milestoneCounts: WeakMap<FakeRepo, Map<number, { open: number; closed: number }>>;
  openIssueCounts: WeakMap<FakeRepo, number>;
}

export function createSerializeCache(): SerializeCache {
  return {
    commentCounts: new WeakMap(),
    reviewCommentCounts: new WeakMap(),
    milestoneCounts: new WeakMap(),
    openIssueCounts: new WeakMap(),
  };
}

export interface SerializeOptions {
  /** The single-object GET shape (issue: adds closed_by; PR: adds merged, counts, merged_by). */
  single?: boolean;
  cache?: SerializeCache;
}

// ---------------------------------------------------------------------------
// URL builders

function apiRepo(baseUrl: string, repo: FakeRepo): string {
  return `${baseUrl}/repos/${repo.ownerLogin}/${repo.name}`;
}

function webRepo(baseUrl: string, repo: FakeRepo): string {
  return `${baseUrl}/${repo.ownerLogin}/${repo.name}`;
}

/** Web URL of an issue or PR: GitHub uses /pull/N for pull requests. */
function webIssue(baseUrl: string, repo: FakeRepo, issue: FakeIssue): string {
  return `${webRepo(baseUrl, repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
}

function webIssueByNumber(baseUrl: string, repo: FakeRepo, number: number): string {
  const issue = repo.issues.get(number);
  return `${webRepo(baseUrl, repo)}/${issue?.pull ? "pull" : "issues"}/${number}`;
}

function reactionsRollup(url: string): Record<string, unknown> {
  return {
    url,
    total_count: 0,
    "+1": 0,
    "-1": 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

// ---------------------------------------------------------------------------
// Users, labels, milestones

function restUser(user: FakeUser, baseUrl: string): RestUser {
  // GitHub percent-encodes bot logins ("dependabot%5Bbot%5D") and links bots to their app page.
  const api = `${baseUrl}/users/${encodeURIComponent(user.login)}`;
  const html =
    user.type === "Bot" && user.login.endsWith("[bot]")
      ? `${baseUrl}/apps/${encodeURIComponent(user.login.slice(0, -"[bot]".length))}`
      : `${baseUrl}/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.node_id,
    avatar_url: `${baseUrl}/avatars/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: html,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: user.site_admin,
  };
}

/** A simple-user object, or null for a deleted user (userId null or unknown). */
export function serializeUser(store: FakeStore, userId: number | null, baseUrl: string): RestUser | null {
  if (userId === null) return null;
  const user = store.users.get(userId);
  return user ? restUser(user, baseUrl) : null;
}

function serializeUsers(store: FakeStore, ids: number[], baseUrl: string): RestUser[] {
  const out: RestUser[] = [];
  for (const id of ids) {
    const user = serializeUser(store, id, baseUrl);
    if (user) out.push(user);
  }
  return out;
}

export function serializeLabel(repo: FakeRepo, label: FakeLabel, baseUrl: string): RestLabel {
  return {
    id: label.id,
    node_id: label.node_id,
    url: `${apiRepo(baseUrl, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

function serializeLabelIds(repo: FakeRepo, ids: number[], baseUrl: string): RestLabel[] {
  const out: RestLabel[] = [];
  for (const id of ids) {
    const label = repo.labels.find((l) => l.id === id);
    if (label) out.push(serializeLabel(repo, label, baseUrl));
  }
  return out;
}

function milestoneCounts(
  repo: FakeRepo,
  number: number,
  cache: SerializeCache | undefined,
): { open: number; closed: number } {
  let all = cache?.milestoneCounts.get(repo);
  if (!all) {
    all = new Map();
    // Issues and pull requests both count towards a milestone on GitHub.
    for (const issue of repo.issues.values()) {
      if (issue.milestoneNumber === null) continue;
      const entry = all.get(issue.milestoneNumber) ?? { open: 0, closed: 0 };
      if (issue.state === "open") entry.open++;
      else entry.closed++;
      all.set(issue.milestoneNumber, entry);
    }
    cache?.milestoneCounts.set(repo, all);
  }
  return all.get(number) ?? { open: 0, closed: 0 };
}

export function serializeMilestone(
  store: FakeStore,
  repo: FakeRepo,
  milestone: FakeMilestone,
  baseUrl: string,
  opts: { cache?: SerializeCache } = {},
): RestMilestone {
  const url = `${apiRepo(baseUrl, repo)}/milestones/${milestone.number}`;
  const counts = milestoneCounts(repo, milestone.number, opts.cache);
  return {
    url,
    html_url: `${webRepo(baseUrl, repo)}/milestone/${milestone.number}`,
    labels_url: `${url}/labels`,
    id: milestone.id,
    node_id: milestone.node_id,
    number: milestone.number,
    title: milestone.title,
    description: milestone.description,
    creator: serializeUser(store, milestone.creatorId, baseUrl),
    open_issues: counts.open,
    closed_issues: counts.closed,
    state: milestone.state,
    created_at: milestone.created_at,
    updated_at: milestone.updated_at,
    due_on: milestone.due_on,
    closed_at: milestone.closed_at,
  };
}

// ---------------------------------------------------------------------------
// Issues and pull requests

function countByNumber<T>(items: T[], key: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) {
    const n = key(item);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}

function commentCount(repo: FakeRepo, number: number, cache: SerializeCache | undefined): number {
  if (!cache) {
    let n = 0;
    for (const c of repo.comments) if (c.issue_number === number) n++;
    return n;
  }
  let counts = cache.commentCounts.get(repo);
  if (!counts) {
    counts = countByNumber(repo.comments, (c) => c.issue_number);
    cache.commentCounts.set(repo, counts);
  }
  return counts.get(number) ?? 0;
}

function reviewCommentCount(repo: FakeRepo, number: number, cache: SerializeCache | undefined): number {
  if (!cache) {
    let n = 0;
    for (const c of repo.reviewComments) if (c.pull_number === number) n++;
    return n;
  }
  let counts = cache.reviewCommentCounts.get(repo);
  if (!counts) {
    counts = countByNumber(repo.reviewComments, (c) => c.pull_number);
    cache.reviewCommentCounts.set(repo, counts);
  }
  return counts.get(number) ?? 0;
}

function subIssuesSummary(
  store: FakeStore,
  issue: FakeIssue,
): { total: number; completed: number; percent_completed: number } {
  const total = issue.subIssueIds.length;
  let completed = 0;
  for (const id of issue.subIssueIds) if (findIssueById(store, id)?.issue.state === "closed") completed++;
  return { total, completed, percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total) };
}

function milestoneOf(
  store: FakeStore,
  repo: FakeRepo,
  number: number | null,
  baseUrl: string,
  cache: SerializeCache | undefined,
): RestMilestone | null {
  if (number === null) return null;
  const milestone = repo.milestones.find((m) => m.number === number);
  return milestone ? serializeMilestone(store, repo, milestone, baseUrl, { cache }) : null;
}

/**
 * An issue as the issues list returns it (PRs included, carrying `pull_request`).
 * `single` gives the GET /issues/{n} shape, which adds `closed_by`.
 */
export function serializeIssue(
  store: FakeStore,
  repo: FakeRepo,
  issue: FakeIssue,
  baseUrl: string,
  opts: SerializeOptions = {},
): RestIssue {
  const url = `${apiRepo(baseUrl, repo)}/issues/${issue.number}`;
  const assignees = serializeUsers(store, issue.assigneeIds, baseUrl);
  const out: RestIssue = {
    url,
    repository_url: apiRepo(baseUrl, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: webIssue(baseUrl, repo, issue),
    id: issue.id,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    user: serializeUser(store, issue.userId, baseUrl),
    labels: serializeLabelIds(repo, issue.labelIds, baseUrl),
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: milestoneOf(store, repo, issue.milestoneNumber, baseUrl, opts.cache),
    comments: commentCount(repo, issue.number, opts.cache),
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: issue.author_association,
    type: null,
    active_lock_reason: issue.active_lock_reason,
  };
  if (issue.pull) {
    const pullUrl = `${apiRepo(baseUrl, repo)}/pulls/${issue.number}`;
    const web = webIssue(baseUrl, repo, issue);
    out.draft = issue.pull.draft;
    out.pull_request = {
      url: pullUrl,
      html_url: web,
      diff_url: `${web}.diff`,
      patch_url: `${web}.patch`,
      merged_at: issue.pull.merged_at,
    };
  }
  out.sub_issues_summary = subIssuesSummary(store, issue);
  out.issue_dependencies_summary = { blocked_by: 0, blocking: 0, total_blocked_by: 0, total_blocking: 0 };
  out.body = issue.body;
  if (opts.single) out.closed_by = serializeUser(store, issue.closedById, baseUrl);
  out.reactions = reactionsRollup(`${url}/reactions`);
  out.timeline_url = `${url}/timeline`;
  out.performed_via_github_app = null;
  out.state_reason = issue.state_reason;
  if (issue.parentId !== null) {
    const parent = findIssueById(store, issue.parentId);
    if (parent) out.parent_issue_url = `${apiRepo(baseUrl, parent.repo)}/issues/${parent.issue.number}`;
  }
  return out;
}

/** A child issue as GET /issues/{n}/sub_issues lists it (it may live in another repo of the owner). */
export function serializeSubIssue(
  store: FakeStore,
  child: FakeIssue,
  baseUrl: string,
  opts: SerializeOptions = {},
): RestSubIssue {
  const where = findIssueById(store, child.id);
  if (!where) throw new Error(`serializeSubIssue: issue id ${child.id} is not in the store index`);
  return serializeIssue(store, where.repo, child, baseUrl, { cache: opts.cache });
}

function branchEnd(
  store: FakeStore,
  baseRepo: FakeRepo,
  ref: string,
  sha: string,
  repoName: string | null,
  baseUrl: string,
  cache: SerializeCache,
): Record<string, unknown> {
  const headRepo = repoName === null ? undefined : store.repos.get(repoName.toLowerCase());
  const ownerLogin = headRepo?.ownerLogin ?? repoName?.split("/")[0] ?? baseRepo.ownerLogin;
  const owner = findUserByLogin(store, ownerLogin);
  return {
    label: `${ownerLogin}:${ref}`,
    ref,
    sha,
    user: owner ? restUser(owner, baseUrl) : null,
    repo: headRepo ? serializeRepoSummary(store, headRepo, baseUrl, { cache }) : null,
  };
}

/**
 * A pull request as GET /pulls lists it (pull-request-simple); `single` gives
 * the GET /pulls/{n} shape with merged, mergeable and the counts.
 */
export function serializePull(
  store: FakeStore,
  repo: FakeRepo,
  issue: FakeIssue,
  baseUrl: string,
  opts: SerializeOptions = {},
): RestPull {
  const pull = issue.pull;
  if (!pull) throw new Error(`serializePull: #${issue.number} is not a pull request`);
  const api = apiRepo(baseUrl, repo);
  const url = `${api}/pulls/${issue.number}`;
  const web = webIssue(baseUrl, repo, issue);
  const issueUrl = `${api}/issues/${issue.number}`;
  const assignees = serializeUsers(store, issue.assigneeIds, baseUrl);
  // head and base embed the same repository: count its open issues once.
  const cache = opts.cache ?? createSerializeCache();
  const out: RestPull = {
    url,
    id: pull.id,
    node_id: pull.node_id,
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: issueUrl,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: serializeUser(store, issue.userId, baseUrl),
    body: issue.body,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: [],
    requested_teams: [],
    labels: serializeLabelIds(repo, issue.labelIds, baseUrl),
    milestone: milestoneOf(store, repo, issue.milestoneNumber, baseUrl, cache),
    draft: pull.draft,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${api}/statuses/${pull.head.sha}`,
    head: branchEnd(store, repo, pull.head.ref, pull.head.sha, pull.head.repoFullName, baseUrl, cache),
    base: branchEnd(store, repo, pull.base.ref, pull.base.sha, repoFullName(repo), baseUrl, cache),
    _links: {
      self: { href: url },
      html: { href: web },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${api}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${api}/statuses/${pull.head.sha}` },
    },
    author_association: issue.author_association,
    auto_merge: null,
    active_lock_reason: issue.active_lock_reason,
  };
  if (opts.single) {
    const merged = pull.merged_at !== null;
    const open = issue.state === "open";
    // Diff stats are not modelled; derive stable small numbers from the PR number.
    const changed = (issue.number % 7) + 1;
    out.merged = merged;
    out.mergeable = open ? true : null;
    out.rebaseable = open ? true : null;
    out.mergeable_state = open ? (pull.draft ? "draft" : "clean") : "unknown";
    out.merged_by = serializeUser(store, pull.mergedById, baseUrl);
    out.comments = commentCount(repo, issue.number, cache);
    out.review_comments = reviewCommentCount(repo, issue.number, cache);
    out.maintainer_can_modify = false;
    out.commits = 1;
    out.additions = changed * 3;
    out.deletions = changed;
    out.changed_files = changed;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Comments and reviews

export function serializeIssueComment(
  store: FakeStore,
  repo: FakeRepo,
  comment: FakeIssueComment,
  baseUrl: string,
): RestIssueComment {
  const api = apiRepo(baseUrl, repo);
  const url = `${api}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${webIssueByNumber(baseUrl, repo, comment.issue_number)}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issue_number}`,
    id: comment.id,
    node_id: comment.node_id,
    user: serializeUser(store, comment.userId, baseUrl),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: comment.author_association,
    body: comment.body,
    reactions: reactionsRollup(`${url}/reactions`),
    performed_via_github_app: null,
  };
}

export function serializeReview(
  store: FakeStore,
  repo: FakeRepo,
  review: FakeReview,
  baseUrl: string,
): RestReview {
  const pullUrl = `${apiRepo(baseUrl, repo)}/pulls/${review.pull_number}`;
  const html = `${webRepo(baseUrl, repo)}/pull/${review.pull_number}#pullrequestreview-${review.id}`;
  const out: RestReview = {
    id: review.id,
    node_id: review.node_id,
    user: serializeUser(store, review.userId, baseUrl),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: review.author_association,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
  };
  // GitHub omits submitted_at on pending (unsubmitted) reviews.
  if (review.submitted_at !== null) out.submitted_at = review.submitted_at;
  out.commit_id = review.commit_id;
  return out;
}

export function serializeReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  comment: FakeReviewComment,
  baseUrl: string,
): RestReviewComment {
  const api = apiRepo(baseUrl, repo);
  const url = `${api}/pulls/comments/${comment.id}`;
  const pullUrl = `${api}/pulls/${comment.pull_number}`;
  const html = `${webRepo(baseUrl, repo)}/pull/${comment.pull_number}#discussion_r${comment.id}`;
  const out: RestReviewComment = {
    url,
    pull_request_review_id: comment.pull_request_review_id,
    id: comment.id,
    node_id: comment.node_id,
    diff_hunk: comment.diff_hunk,
    path: comment.path,
    position: comment.position,
    original_position: comment.original_position,
    commit_id: comment.commit_id,
    original_commit_id: comment.original_commit_id,
  };
  if (comment.in_reply_to_id !== null) out.in_reply_to_id = comment.in_reply_to_id;
  Object.assign(out, {
    user: serializeUser(store, comment.userId, baseUrl),
    body: comment.body,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: comment.author_association,
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    reactions: reactionsRollup(`${url}/reactions`),
    start_line: comment.start_line,
    original_start_line: comment.start_line,
    start_side: comment.start_side,
    line: comment.line,
    original_line: comment.original_line,
    side: comment.side,
    subject_type: comment.subject_type,
  });
  return out;
}

// ---------------------------------------------------------------------------
// Releases and assets

const digestCache = new WeakMap<Buffer, string>();

function sha256Digest(data: Buffer): string {
  let digest = digestCache.get(data);
  if (!digest) {
    digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
    digestCache.set(data, digest);
  }
  return digest;
}

export function serializeAsset(
  store: FakeStore,
  repo: FakeRepo,
  release: FakeRelease,
  asset: FakeAsset,
  baseUrl: string,
): RestAsset {
  return {
    url: `${apiRepo(baseUrl, repo)}/releases/assets/${asset.id}`,
    id: asset.id,
    node_id: asset.node_id,
    name: asset.name,
    label: asset.label,
    uploader: serializeUser(store, asset.uploaderId, baseUrl),
    content_type: asset.content_type,
    state: "uploaded",
    size: asset.data.length,
    digest: sha256Digest(asset.data),
    download_count: asset.download_count,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
    browser_download_url: `${webRepo(baseUrl, repo)}/releases/download/${encodeURIComponent(release.tag_name)}/${encodeURIComponent(asset.name)}`,
  };
}

export function serializeRelease(
  store: FakeStore,
  repo: FakeRepo,
  release: FakeRelease,
  baseUrl: string,
): RestRelease {
  const api = apiRepo(baseUrl, repo);
  const url = `${api}/releases/${release.id}`;
  const tag = encodeURIComponent(release.tag_name);
  let updated = release.created_at;
  for (const asset of release.assets) if (asset.updated_at > updated) updated = asset.updated_at;
  if (release.published_at !== null && release.published_at > updated) updated = release.published_at;
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `${baseUrl}/uploads/repos/${repo.ownerLogin}/${repo.name}/releases/${release.id}/assets{?name,label}`,
    html_url: `${webRepo(baseUrl, repo)}/releases/tag/${tag}`,
    id: release.id,
    author: serializeUser(store, release.authorId, baseUrl),
    node_id: release.node_id,
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    draft: release.draft,
    immutable: false,
    prerelease: release.prerelease,
    created_at: release.created_at,
    updated_at: updated,
    published_at: release.published_at,
    assets: release.assets.map((asset) => serializeAsset(store, repo, release, asset, baseUrl)),
    tarball_url: `${api}/tarball/${tag}`,
    zipball_url: `${api}/zipball/${tag}`,
    body: release.body,
  };
}

// ---------------------------------------------------------------------------
// Repositories

function ownerObject(store: FakeStore, repo: FakeRepo, baseUrl: string): RestUser {
  const owner = findUserByLogin(store, repo.ownerLogin);
  if (owner) return restUser(owner, baseUrl);
  // A repo whose owner account is not in the store still needs an owner object.
  return restUser({ id: 0, node_id: "", login: repo.ownerLogin, type: "User", site_admin: false }, baseUrl);
}

/** Open issues and PRs together, as GitHub's open_issues_count counts them. */
function openIssueCount(repo: FakeRepo, cache: SerializeCache | undefined): number {
  const known = cache?.openIssueCounts.get(repo);
  if (known !== undefined) return known;
  let count = 0;
  for (const issue of repo.issues.values()) if (issue.state === "open") count++;
  cache?.openIssueCounts.set(repo, count);
  return count;
}

/** The `repository` schema (as embedded in PR head/base), without permissions. */
export function serializeRepoSummary(
  store: FakeStore,
  repo: FakeRepo,
  baseUrl: string,
  opts: { cache?: SerializeCache } = {},
): RestRepo {
  const api = apiRepo(baseUrl, repo);
  const web = webRepo(baseUrl, repo);
  const host = new URL(baseUrl);
  const full = repoFullName(repo);
  const openCount = openIssueCount(repo, opts.cache);
  return {
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: full,
    private: repo.private,
    owner: ownerObject(store, repo, baseUrl),
    html_url: web,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    pushed_at: repo.pushed_at,
    git_url: `git://${host.host}/${full}.git`,
    ssh_url: `git@${host.hostname}:${full}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openCount,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: openCount,
    watchers: 0,
    default_branch: repo.default_branch,
  };
}

/** GET /repos/{owner}/{repo}: the full-repository object. */
export function serializeRepo(
  store: FakeStore,
  repo: FakeRepo,
  baseUrl: string,
  permissions: RestPermissions = { admin: true, maintain: true, push: true, triage: true, pull: true },
): RestRepo {
  const owner = findUserByLogin(store, repo.ownerLogin);
  const out = serializeRepoSummary(store, repo, baseUrl);
  out.permissions = permissions;
  Object.assign(out, {
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_rebase_merge: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_update_branch: false,
    use_squash_pr_title_as_default: false,
    squash_merge_commit_title: "COMMIT_OR_PR_TITLE",
    squash_merge_commit_message: "COMMIT_MESSAGES",
    merge_commit_title: "MERGE_MESSAGE",
    merge_commit_message: "PR_TITLE",
    temp_clone_token: null,
    network_count: 0,
    subscribers_count: 0,
  });
  if (owner?.type === "Organization") out.organization = restUser(owner, baseUrl);
  return out;
}
