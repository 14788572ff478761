// A repository of the fake as restore left it, keyed by the hidden markers of
// the restored objects rather than by the numbers and ids the target gave
// them: two restores of one backup into two repositories have equal views
// exactly when neither lacks an object, holds one twice, or differs in one.
import { execFileSync } from "node:child_process";
import type { FakeRepo, FakeStore } from "../../../fake-github/store/types.js";
import { ATTACHMENTS_BRANCH } from "../../../src/entities/attachments/rehost.js";

const MARKER = /^<!-- github-data:([a-z_]+):([^\s>]+) -->/;

function markerKey(body: string | null): string {
  const m = body ? MARKER.exec(body) : null;
  return m ? `${m[1]}:${m[2]}` : "(no marker)";
}

export function targetView(store: FakeStore, repo: FakeRepo): unknown {
  const itemKey = new Map<number, string>();
  const keyById = new Map<number, string>();
  for (const issue of repo.issues.values()) {
    itemKey.set(issue.number, markerKey(issue.body));
    keyById.set(issue.id, markerKey(issue.body));
  }
  // Numbers and the repository's name differ between targets: write both as what they stand for.
  const text = (body: string | null) =>
    (body ?? "")
      .replaceAll(`${repo.ownerLogin}/${repo.name}`, "OWNER/TARGET")
      .replace(/#(\d+)/g, (all, n: string) => {
        const key = itemKey.get(Number(n));
        return key ? `#{${key}}` : all;
      });
  const labelName = new Map(repo.labels.map((l) => [l.id, l.name]));
  const milestone = new Map(repo.milestones.map((m) => [m.number, m.title]));
  const sorted = <T>(list: T[], key: (t: T) => string) => list.sort((a, b) => (key(a) < key(b) ? -1 : 1));
  const comments = new Map<string, string[]>();
  for (const c of [...repo.comments].sort((a, b) => a.id - b.id)) {
    const parent = itemKey.get(c.issue_number) ?? "?";
    comments.set(parent, [...(comments.get(parent) ?? []), text(c.body)]);
  }
  const commentKey = new Map(repo.reviewComments.map((c) => [c.id, markerKey(c.body)]));
  return {
    labels: sorted(
      repo.labels.map((l) => `${l.name} ${l.color} ${l.description ?? ""}`),
      (s) => s,
    ),
    milestones: sorted(
      repo.milestones.map((m) => `${m.title} ${m.state}`),
      (s) => s,
    ),
    items: sorted(
      [...repo.issues.values()].map((i) => ({
        key: markerKey(i.body),
        title: i.title,
        body: text(i.body),
        state: `${i.state} ${i.state_reason}`,
        lock: `${i.locked} ${i.active_lock_reason}`,
        labels: i.labelIds.map((id) => labelName.get(id)).sort(),
        milestone: i.milestoneNumber === null ? null : (milestone.get(i.milestoneNumber) ?? "?"),
        assignees: [...i.assigneeIds].sort((a, b) => a - b),
        pull: i.pull
          ? `${i.pull.head.ref} → ${i.pull.base.ref} ${i.pull.head.sha} draft=${i.pull.draft}`
          : null,
        children: i.subIssueIds.map((id) => keyById.get(id) ?? `elsewhere:${id}`),
        comments: comments.get(markerKey(i.body)) ?? [],
      })),
      (i) => i.key,
    ),
    reviews: sorted(
      repo.reviews.map((r) => ({
        key: markerKey(r.body),
        on: itemKey.get(r.pull_number),
        state: r.state,
        body: text(r.body),
        comments: repo.reviewComments
          .filter((c) => c.pull_request_review_id === r.id)
          .map((c) => commentKey.get(c.id))
          .sort(),
      })),
      (r) => `${r.key} ${r.body}`,
    ),
    reviewComments: sorted(
      repo.reviewComments.map((c) => ({
        key: markerKey(c.body),
        on: itemKey.get(c.pull_number),
        where: `${c.path}:${c.start_line}-${c.line} ${c.side} ${c.subject_type} ${c.commit_id}`,
        replyTo: c.in_reply_to_id === null ? null : commentKey.get(c.in_reply_to_id),
        body: text(c.body),
      })),
      (c) => c.key,
    ),
    releases: repo.releases.map((r) => ({
      tag: r.tag_name,
      name: r.name,
      body: text(r.body),
      draft: r.draft,
      assets: r.assets.map((a) => a.name).sort(),
    })),
    branches: sorted(
      [...repo.branches].map(([name, sha]) => branchLine(repo, name, sha)),
      (s) => s,
    ),
    users: store.users.size,
  };
}

/** A branch by its commit; the attachments branch by its files, as the restore commits them at its own time. */
function branchLine(repo: FakeRepo, name: string, sha: string): string {
  if (name !== ATTACHMENTS_BRANCH || !repo.gitDir) return `${name} ${sha}`;
  const tree = execFileSync("git", ["--git-dir", repo.gitDir, "rev-parse", `${sha}^{tree}`], {
    encoding: "utf8",
  }).trim();
  return `${name} tree ${tree}`;
}
