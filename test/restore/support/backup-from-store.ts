// Writes a backup folder of our format straight from a fake repository (the
// record types, the sorted JSONL writer and the manifest writer), so restore
// tests do not depend on the save side, and tests can hand-craft hard cases
// (101 children, 9 levels) that the fake server itself refuses to hold.

import type { FakeIssue, FakeRepo, FakeStore } from "../../../fake-github/store/types.js";
import { type Manifest, manifestFiles, writeManifest } from "../../../src/backup/manifest.js";
import type { UserRef } from "../../../src/backup/record-parts.js";
import {
  createSortedJsonlWriter,
  type FileSummary,
  type SortKey,
} from "../../../src/backup/sorted-jsonl-writer.js";
import {
  ISSUE_COMMENTS_FILE,
  type IssueCommentRecord,
  issueCommentSortKey,
} from "../../../src/entities/issue_comments/record.js";
import { ISSUES_FILE, type IssueRecord, issueSortKey } from "../../../src/entities/issues/record.js";
import { LABELS_FILE, type LabelRecord, labelSortKey } from "../../../src/entities/labels/record.js";
import {
  MILESTONES_FILE,
  type MilestoneRecord,
  milestoneSortKey,
} from "../../../src/entities/milestones/record.js";
import {
  PULL_REQUESTS_FILE,
  type PullRequestRecord,
  pullRequestSortKey,
} from "../../../src/entities/pull_requests/record.js";
import {
  SUB_ISSUES_FILE,
  type SubIssueRecord,
  subIssueSortKey,
} from "../../../src/entities/sub_issues/record.js";

export interface BackupRecords {
  labels: LabelRecord[];
  milestones: MilestoneRecord[];
  issues: IssueRecord[];
  issue_comments: IssueCommentRecord[];
  sub_issues: SubIssueRecord[];
  pull_requests: PullRequestRecord[];
}

function userRef(store: FakeStore, id: number | null): UserRef | null {
  if (id === null) return null;
  const u = store.users.get(id);
  return u ? { login: u.login, id: u.id, type: u.type } : null;
}

/** The issue side of a fake repository as backup records (what a save would write). */
export function recordsOf(store: FakeStore, repo: FakeRepo, baseUrl: string): BackupRecords {
  const web = `${baseUrl}/${repo.ownerLogin}/${repo.name}`;
  const labelRef = (id: number) => {
    const l = repo.labels.find((x) => x.id === id);
    return { name: l?.name ?? "?", color: l?.color ?? "ededed", description: l?.description ?? null };
  };
  const items = [...repo.issues.values()].sort((a, b) => a.number - b.number);
  const plain = items.filter((i) => i.pull === null);
  const commentCount = (n: number) => repo.comments.filter((c) => c.issue_number === n).length;
  const common = (i: FakeIssue) => ({
    labels: i.labelIds.map(labelRef).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    assignees: i.assigneeIds
      .map((id) => userRef(store, id))
      .filter((u): u is UserRef => u !== null)
      .sort((a, b) => (a.login < b.login ? -1 : 1)),
    milestone:
      i.milestoneNumber === null
        ? null
        : {
            number: i.milestoneNumber,
            title: repo.milestones.find((m) => m.number === i.milestoneNumber)?.title ?? "?",
          },
  });
  const issues: IssueRecord[] = plain.map((i) => ({
    id: i.id,
    node_id: i.node_id,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.state_reason,
    locked: i.locked,
    active_lock_reason: i.active_lock_reason,
    user: userRef(store, i.userId),
    ...common(i),
    comments: commentCount(i.number),
    author_association: i.author_association,
    created_at: i.created_at,
    updated_at: i.updated_at,
    closed_at: i.closed_at,
    closed_by: userRef(store, i.closedById),
    html_url: `${web}/issues/${i.number}`,
  }));
  const pulls: PullRequestRecord[] = items
    .filter((i) => i.pull !== null)
    .map((i) => {
      const p = i.pull as NonNullable<FakeIssue["pull"]>;
      return {
        id: p.id,
        node_id: p.node_id,
        number: i.number,
        title: i.title,
        body: i.body,
        state: i.state,
        locked: i.locked,
        active_lock_reason: i.active_lock_reason,
        user: userRef(store, i.userId),
        ...common(i),
        draft: p.draft,
        head: {
          ref: p.head.ref,
          sha: p.head.sha,
          repo: p.head.repoFullName ? { full_name: p.head.repoFullName } : null,
        },
        base: { ref: p.base.ref, sha: p.base.sha, repo: { full_name: `${repo.ownerLogin}/${repo.name}` } },
        merged: p.merged_at !== null,
        merged_at: p.merged_at,
        merge_commit_sha: p.merge_commit_sha,
        author_association: i.author_association,
        created_at: i.created_at,
        updated_at: i.updated_at,
        closed_at: i.closed_at,
        html_url: `${web}/pull/${i.number}`,
      };
    });
  const plainNumbers = new Set(plain.map((i) => i.number));
  const comments: IssueCommentRecord[] = repo.comments
    .filter((c) => plainNumbers.has(c.issue_number))
    .map((c) => ({
      id: c.id,
      node_id: c.node_id,
      issue_number: c.issue_number,
      body: c.body,
      user: userRef(store, c.userId),
      author_association: c.author_association,
      created_at: c.created_at,
      updated_at: c.updated_at,
      html_url: `${web}/issues/${c.issue_number}#issuecomment-${c.id}`,
    }));
  const subIssues: SubIssueRecord[] = [];
  for (const parent of plain) {
    parent.subIssueIds.forEach((childId, index) => {
      const where = store.issueIndex.get(childId);
      if (!where) return;
      const childRepo = store.repos.get(where.repoKey);
      const link: SubIssueRecord = {
        parent_number: parent.number,
        parent_id: parent.id,
        sub_issue_number: where.number,
        sub_issue_id: childId,
        position: index + 1,
      };
      if (childRepo && childRepo !== repo)
        link.sub_issue_repository = `${childRepo.ownerLogin}/${childRepo.name}`;
      subIssues.push(link);
    });
  }
  return {
    labels: repo.labels.map((l) => ({
      id: l.id,
      node_id: l.node_id,
      name: l.name,
      color: l.color,
      description: l.description,
      default: l.default,
    })),
    milestones: repo.milestones.map((m) => ({
      id: m.id,
      node_id: m.node_id,
      number: m.number,
      title: m.title,
      description: m.description,
      state: m.state,
      creator: userRef(store, m.creatorId),
      open_issues: plain.filter((i) => i.milestoneNumber === m.number && i.state === "open").length,
      closed_issues: plain.filter((i) => i.milestoneNumber === m.number && i.state === "closed").length,
      created_at: m.created_at,
      updated_at: m.updated_at,
      closed_at: m.closed_at,
      due_on: m.due_on,
      html_url: `${web}/milestone/${m.number}`,
    })),
    issues,
    issue_comments: comments,
    sub_issues: subIssues,
    pull_requests: pulls,
  };
}

async function writeFile<T>(
  dir: string,
  file: string,
  records: T[],
  key: (r: T) => SortKey,
): Promise<FileSummary> {
  const writer = createSortedJsonlWriter<T>({ dir, file, sortKey: key });
  for (const r of records) await writer.add(r);
  return writer.finish();
}

/** Writes the records as a finished backup folder of `owner/repo` (API base `apiUrl`). */
export async function writeBackup(
  dir: string,
  records: Partial<BackupRecords>,
  source: { owner: string; repo: string; apiUrl: string },
): Promise<void> {
  const summaries: FileSummary[] = [];
  const jobs: Manifest["jobs"] = [];
  const add = async <T>(name: string, file: string, list: T[] | undefined, key: (r: T) => SortKey) => {
    if (!list) return;
    const summary = await writeFile(dir, file, list, key);
    summaries.push(summary);
    jobs.push({
      name,
      status: "succeeded",
      records: summary.records,
      started_at: null,
      finished_at: null,
      duration_ms: 0,
      error: null,
    });
  };
  await add("labels", LABELS_FILE, records.labels, labelSortKey);
  await add("milestones", MILESTONES_FILE, records.milestones, milestoneSortKey);
  await add("issues", ISSUES_FILE, records.issues, issueSortKey);
  await add("issue_comments", ISSUE_COMMENTS_FILE, records.issue_comments, issueCommentSortKey);
  await add("sub_issues", SUB_ISSUES_FILE, records.sub_issues, subIssueSortKey);
  await add("pull_requests", PULL_REQUESTS_FILE, records.pull_requests, pullRequestSortKey);
  const now = new Date().toISOString();
  await writeManifest(dir, {
    format: "github-data",
    format_version: 1,
    tool: { name: "github-data", version: "0.0.0-test" },
    source: { owner: source.owner, repo: source.repo, api_url: source.apiUrl },
    started_at: now,
    finished_at: now,
    selection: { include: jobs.map((j) => j.name), issues: "all", pull_requests: "all" },
    jobs,
    files: manifestFiles(summaries),
    requests: { total: 0, by_route: {} },
  });
}
