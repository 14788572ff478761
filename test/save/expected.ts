// What a backup of a fake repository must contain, computed from the fake
// server's store (independently of the save code), as comparable projections.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reactionsOf } from "../../fake-github/store/reactions.js";
import { timelineOf } from "../../fake-github/store/timeline.js";
import type { FakeReaction, FakeRepo, FakeStore } from "../../fake-github/store/types.js";

export type Row = Record<string, unknown>;

export function readJsonl(dir: string, file: string): Row[] {
  const text = readFileSync(join(dir, file), "utf8");
  return text === ""
    ? []
    : text
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as Row);
}

const login = (store: FakeStore, id: number | null) =>
  id === null ? null : (store.users.get(id)?.login ?? null);
const byNumber = (a: { number: number }, b: { number: number }) => a.number - b.number;

export interface Wanted {
  issues: (n: number) => boolean;
  pulls: (n: number) => boolean;
  /** Discussions saved (their reactions too); true unless set. */
  discussions?: boolean;
}
export const everything: Wanted = { issues: () => true, pulls: () => true };

export function expectedIssues(store: FakeStore, repo: FakeRepo, wanted: Wanted = everything): Row[] {
  return [...repo.issues.values()]
    .filter((i) => i.pull === null && wanted.issues(i.number))
    .sort(byNumber)
    .map((i) => ({
      number: i.number,
      id: i.id,
      title: i.title,
      body: i.body === "" ? null : i.body,
      state: i.state,
      state_reason: i.state_reason,
      locked: i.locked,
      active_lock_reason: i.active_lock_reason,
      user: login(store, i.userId),
      labels: i.labelIds.map((id) => repo.labels.find((l) => l.id === id)?.name).sort(),
      assignees: i.assigneeIds.map((id) => login(store, id)).sort(),
      milestone: i.milestoneNumber,
      created_at: i.created_at,
      closed_at: i.closed_at,
      comments: repo.comments.filter((c) => c.issue_number === i.number).length,
    }));
}

export function projectIssue(r: Row): Row {
  const user = r.user as { login: string } | null;
  return {
    number: r.number,
    id: r.id,
    title: r.title,
    body: r.body,
    state: r.state,
    state_reason: r.state_reason,
    locked: r.locked,
    active_lock_reason: r.active_lock_reason,
    user: user?.login ?? null,
    labels: (r.labels as { name: string }[]).map((l) => l.name),
    assignees: (r.assignees as { login: string }[]).map((a) => a.login),
    milestone: (r.milestone as { number: number } | null)?.number ?? null,
    created_at: r.created_at,
    closed_at: r.closed_at,
    comments: r.comments,
  };
}

export function expectedPulls(store: FakeStore, repo: FakeRepo, wanted: Wanted = everything): Row[] {
  return [...repo.issues.values()]
    .filter((i) => i.pull !== null && wanted.pulls(i.number))
    .sort(byNumber)
    .map((i) => {
      const p = i.pull!;
      return {
        number: i.number,
        id: p.id,
        title: i.title,
        body: i.body,
        state: i.state,
        draft: p.draft,
        merged: p.merged_at !== null,
        head: { ref: p.head.ref, sha: p.head.sha, repo: p.head.repoFullName },
        base: { ref: p.base.ref, sha: p.base.sha },
        user: login(store, i.userId),
        labels: i.labelIds.map((id) => repo.labels.find((l) => l.id === id)?.name).sort(),
      };
    });
}

export function projectPull(r: Row): Row {
  const head = r.head as { ref: string; sha: string; repo: { full_name: string } | null };
  const base = r.base as { ref: string; sha: string };
  return {
    number: r.number,
    id: r.id,
    title: r.title,
    body: r.body,
    state: r.state,
    draft: r.draft,
    merged: r.merged,
    head: { ref: head.ref, sha: head.sha, repo: head.repo?.full_name ?? null },
    base: { ref: base.ref, sha: base.sha },
    user: (r.user as { login: string } | null)?.login ?? null,
    labels: (r.labels as { name: string }[]).map((l) => l.name),
  };
}

export function expectedComments(
  store: FakeStore,
  repo: FakeRepo,
  onPulls: boolean,
  wanted: Wanted = everything,
) {
  return repo.comments
    .filter((c) => {
      const parent = repo.issues.get(c.issue_number);
      const isPull = parent?.pull != null;
      return isPull === onPulls && (onPulls ? wanted.pulls(c.issue_number) : wanted.issues(c.issue_number));
    })
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      id: c.id,
      parent: c.issue_number,
      body: c.body,
      user: login(store, c.userId),
      updated_at: c.updated_at,
    }));
}

export function projectComment(r: Row): Row {
  return {
    id: r.id,
    parent: r.issue_number ?? r.pull_request_number,
    body: r.body,
    user: (r.user as { login: string } | null)?.login ?? null,
    updated_at: r.updated_at,
  };
}

export function expectedReviews(store: FakeStore, repo: FakeRepo, wanted: Wanted = everything): Row[] {
  return repo.reviews
    .filter((r) => wanted.pulls(r.pull_number))
    .sort((a, b) => a.id - b.id)
    .map((r) => ({
      id: r.id,
      pr: r.pull_number,
      state: r.state,
      body: r.body,
      commit_id: r.commit_id,
      user: login(store, r.userId),
    }));
}

export function projectReview(r: Row): Row {
  return {
    id: r.id,
    pr: r.pull_request_number,
    state: r.state,
    body: r.body,
    commit_id: r.commit_id,
    user: (r.user as { login: string } | null)?.login ?? null,
  };
}

export function expectedReviewComments(repo: FakeRepo, wanted: Wanted = everything): Row[] {
  return repo.reviewComments
    .filter((c) => wanted.pulls(c.pull_number))
    .sort((a, b) => a.id - b.id)
    .map((c) => ({
      id: c.id,
      pr: c.pull_number,
      review: c.pull_request_review_id,
      reply_to: c.in_reply_to_id,
      path: c.path,
      line: c.line,
      body: c.body,
      commit_id: c.commit_id,
      diff_hunk: c.diff_hunk,
    }));
}

export function projectReviewComment(r: Row): Row {
  return {
    id: r.id,
    pr: r.pull_request_number,
    review: r.pull_request_review_id,
    reply_to: r.in_reply_to_id,
    path: r.path,
    line: r.line,
    body: r.body,
    commit_id: r.commit_id,
    diff_hunk: r.diff_hunk,
  };
}

export function expectedSubIssues(store: FakeStore, repo: FakeRepo, wanted: Wanted = everything): Row[] {
  const rows: Row[] = [];
  for (const parent of [...repo.issues.values()].sort(byNumber)) {
    if (parent.pull !== null || !wanted.issues(parent.number)) continue;
    parent.subIssueIds.forEach((childId, position) => {
      const where = store.issueIndex.get(childId)!;
      const own = where.repoKey === `${repo.ownerLogin}/${repo.name}`.toLowerCase();
      const childRepo = store.repos.get(where.repoKey)!;
      rows.push({
        parent_number: parent.number,
        parent_id: parent.id,
        sub_issue_number: where.number,
        sub_issue_id: childId,
        position,
        ...(own ? {} : { sub_issue_repository: `${childRepo.ownerLogin}/${childRepo.name}` }),
      });
    });
  }
  return rows;
}

/** Every timeline event of the wanted issues and pull requests, in the file's order (projected). */
export function expectedIssueEvents(store: FakeStore, repo: FakeRepo, wanted: Wanted = everything): Row[] {
  const rows: Row[] = [];
  for (const issue of repo.issues.values()) {
    if (!(issue.pull ? wanted.pulls(issue.number) : wanted.issues(issue.number))) continue;
    for (const e of timelineOf(repo, issue)) {
      const source = e.source ? store.repos.get(e.source.repoKey) : undefined;
      rows.push({
        issue_number: issue.number,
        node_id: e.node_id,
        event: e.event,
        actor: login(store, e.actorId),
        created_at: e.created_at,
        ...(e.commit_id !== undefined ? { commit_id: e.commit_id } : {}),
        ...(e.label ? { label: e.label } : {}),
        ...(e.assigneeId !== undefined ? { assignee: login(store, e.assigneeId) } : {}),
        ...(e.milestoneTitle !== undefined ? { milestone: { title: e.milestoneTitle } } : {}),
        ...(e.rename ? { rename: e.rename } : {}),
        ...(e.event === "closed" || e.event === "reopened" ? { state_reason: e.state_reason ?? null } : {}),
        ...(e.event === "locked" ? { lock_reason: e.lock_reason ?? null } : {}),
        ...(e.requestedReviewerId !== undefined
          ? { requested_reviewer: login(store, e.requestedReviewerId) }
          : {}),
        ...(e.source && source
          ? {
              source: `${source.ownerLogin}/${source.name}#${e.source.number}${source.issues.get(e.source.number)?.pull ? " (pull request)" : ""}`,
            }
          : {}),
      });
    }
  }
  const key = (r: Row) => [r.issue_number as number, r.created_at as string, r.node_id as string] as const;
  return rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
  });
}

export function projectIssueEvent(r: Row): Row {
  const loginOf = (v: unknown) => (v as { login: string } | null)?.login ?? null;
  const source = r.source as
    | { issue: { number: number; pull_request?: unknown; repository: { full_name: string } } }
    | undefined;
  return {
    ...r,
    actor: loginOf(r.actor),
    ...("assignee" in r ? { assignee: loginOf(r.assignee) } : {}),
    ...("requested_reviewer" in r ? { requested_reviewer: loginOf(r.requested_reviewer) } : {}),
    ...(source
      ? {
          source: `${source.issue.repository.full_name}#${source.issue.number}${source.issue.pull_request ? " (pull request)" : ""}`,
        }
      : {}),
  };
}

/** Every reaction on the wanted issues, pull requests, their comments and review comments, every release, and every discussion, comment and reply. */
export function expectedReactions(store: FakeStore, repo: FakeRepo, wanted: Wanted = everything): Row[] {
  const rows: Row[] = [];
  const add = (type: string, subjectId: number, reactions: readonly FakeReaction[]) => {
    for (const r of reactions) {
      const user = r.userId === null ? undefined : store.users.get(r.userId);
      rows.push({
        subject_type: type,
        subject_id: subjectId,
        id: r.id,
        content: r.content,
        user: user ? { login: user.login, id: user.id, type: user.type } : null,
        created_at: r.created_at,
      });
    }
  };
  const wantedNumber = (n: number) => (repo.issues.get(n)?.pull ? wanted.pulls(n) : wanted.issues(n));
  for (const issue of repo.issues.values()) {
    if (!wantedNumber(issue.number)) continue;
    const reactions = reactionsOf(repo, "issue", issue.id);
    if (issue.pull) add("pull_request", issue.pull.id, reactions);
    else add("issue", issue.id, reactions);
  }
  for (const c of repo.comments) {
    if (wantedNumber(c.issue_number)) add("issue_comment", c.id, reactionsOf(repo, "issue_comment", c.id));
  }
  for (const c of repo.reviewComments) {
    if (wanted.pulls(c.pull_number))
      add("pr_review_comment", c.id, reactionsOf(repo, "review_comment", c.id));
  }
  for (const r of repo.releases) add("release", r.id, reactionsOf(repo, "release", r.id));
  if (wanted.discussions !== false) {
    for (const d of repo.discussions) add("discussion", d.id, reactionsOf(repo, "discussion", d.id));
    for (const c of repo.discussionComments)
      add("discussion_comment", c.id, reactionsOf(repo, "discussion_comment", c.id));
  }
  const key = (r: Row) => [r.subject_type as string, r.subject_id as number, r.id as number] as const;
  return rows.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2];
  });
}
