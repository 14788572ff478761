// Issues (pull requests included, as the issues list shows them) as GitHub's REST
// API returns them.

import { findIssueById } from "../../store/lookup.js";
import { reactionsOf } from "../../store/reactions.js";
import type { FakeIssue, FakeRepo, FakeStore } from "../../store/types.js";
import {
  apiRepo,
  countByNumber,
  reactionsRollup,
  type SerializeCache,
  type SerializeOptions,
  webIssue,
} from "./common.js";
import { serializeLabelIds } from "./labels.js";
import { milestoneOf } from "./milestones.js";
import { serializeUser, serializeUsers } from "./users.js";

export type RestIssue = Record<string, unknown>;

export function commentCount(repo: FakeRepo, number: number, cache: SerializeCache | undefined): number {
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

function subIssuesSummary(
  store: FakeStore,
  issue: FakeIssue,
): { total: number; completed: number; percent_completed: number } {
  const total = issue.subIssueIds.length;
  let completed = 0;
  for (const id of issue.subIssueIds) if (findIssueById(store, id)?.issue.state === "closed") completed++;
  return { total, completed, percent_completed: total === 0 ? 0 : Math.floor((completed * 100) / total) };
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
  out.reactions = reactionsRollup(`${url}/reactions`, reactionsOf(repo, "issue", issue.id));
  out.timeline_url = `${url}/timeline`;
  out.performed_via_github_app = null;
  out.state_reason = issue.state_reason;
  if (issue.parentId !== null) {
    const parent = findIssueById(store, issue.parentId);
    if (parent) out.parent_issue_url = `${apiRepo(baseUrl, parent.repo)}/issues/${parent.issue.number}`;
  }
  return out;
}
