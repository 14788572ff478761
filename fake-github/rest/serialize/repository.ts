// Repositories as GitHub's REST API returns them (the full object and the summary
// embedded in a pull request's head and base).
import { findUserByLogin, repoFullName } from "../../store/create-store.js";
import type { FakeRepo, FakeStore } from "../../store/types.js";
import { apiRepo, type SerializeCache, webRepo } from "./common.js";
import { type RestUser, restUser } from "./users.js";

export type RestRepo = Record<string, unknown>;

export interface RestPermissions {
  admin: boolean;
  maintain: boolean;
  push: boolean;
  triage: boolean;
  pull: boolean;
}

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
    homepage: repo.settings.homepage,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: repo.settings.has_issues,
    has_projects: repo.settings.has_projects,
    has_downloads: true,
    has_wiki: repo.settings.has_wiki,
    has_pages: false,
    has_discussions: repo.settings.has_discussions,
    forks_count: 0,
    mirror_url: null,
    archived: repo.settings.archived,
    disabled: false,
    open_issues_count: openCount,
    license: null,
    allow_forking: true,
    is_template: repo.settings.is_template,
    web_commit_signoff_required: repo.settings.web_commit_signoff_required,
    topics: [...repo.settings.topics],
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
  const settings = repo.settings;
  Object.assign(out, {
    allow_squash_merge: settings.allow_squash_merge,
    allow_merge_commit: settings.allow_merge_commit,
    allow_rebase_merge: settings.allow_rebase_merge,
    allow_auto_merge: settings.allow_auto_merge,
    delete_branch_on_merge: settings.delete_branch_on_merge,
    allow_update_branch: settings.allow_update_branch,
    use_squash_pr_title_as_default: settings.use_squash_pr_title_as_default,
    squash_merge_commit_title: settings.squash_merge_commit_title,
    squash_merge_commit_message: settings.squash_merge_commit_message,
    merge_commit_title: settings.merge_commit_title,
    merge_commit_message: settings.merge_commit_message,
    temp_clone_token: null,
    network_count: 0,
    subscribers_count: 0,
  });
  if (owner?.type === "Organization") out.organization = restUser(owner, baseUrl);
  return out;
}
