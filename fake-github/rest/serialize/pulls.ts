// Pull requests as GitHub's REST API returns them (list and single shapes).
import { findUserByLogin, repoFullName } from "../../store/create-store.js";
import type { FakeIssue, FakeRepo, FakeStore } from "../../store/types.js";
import {
  apiRepo,
  countByNumber,
  createSerializeCache,
  type SerializeCache,
  type SerializeOptions,
  webIssue,
} from "./common.js";
import { commentCount } from "./issues.js";
import { serializeLabelIds } from "./labels.js";
import { milestoneOf } from "./milestones.js";
import { serializeRepoSummary } from "./repository.js";
import { restUser, serializeUser, serializeUsers } from "./users.js";

export type RestPull = Record<string, unknown>;

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
