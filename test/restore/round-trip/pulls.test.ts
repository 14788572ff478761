// Round trip of the pull-request side: save octo-org/sample (small and
// tricky, with its git repository) from the fake server, restore it into a new
// repository, and compare the two in the fake's store — pull requests, their
// conversation, reviews and review comments, releases with every asset byte,
// and the git refs. Then run the restore again and see it create nothing.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { markerOf } from "../../../src/restore/bodies.js";
import {
  byMarker,
  gitRefs,
  makeEveryoneAssignable,
  pulls,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
  startFake,
  writeRequests,
} from "../support/pull-side.js";
import {
  assigneesOf,
  conversation,
  labelsOf,
  type Matched,
  matchPulls,
  milestoneOf,
  sha256,
  strip,
} from "../support/views.js";

afterAll(removeTempDirs);

function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function comparePulls(fake: FakeGitHub, m: Matched): void {
  const { source, target } = m;
  expect([...m.pulls.keys()]).toEqual(pulls(source).map((p) => p.number));
  for (const pr of pulls(source)) {
    const got = m.pulls.get(pr.number);
    const where = `PR #${pr.number}`;
    expect(got?.pull, where).toBeTruthy();
    if (!got?.pull || !pr.pull) continue;
    expect(got.title, where).toBe(pr.title);
    expect(strip(got.body), where).toBe(m.text(pr.body));
    expect(got.state, where).toBe(pr.state);
    expect(got.pull.draft, where).toBe(pr.pull.draft);
    expect(got.pull.merged_at, where).toBeNull();
    if (pr.pull.merged_at) expect(got.body, where).toContain(`as \`${pr.pull.merge_commit_sha}\``);
    expect(labelsOf(target, got), where).toEqual(labelsOf(source, pr));
    expect(milestoneOf(target, got), where).toBe(milestoneOf(source, pr));
    expect(assigneesOf(fake.store, got), where).toEqual(assigneesOf(fake.store, pr));
    expect({ locked: got.locked, reason: got.active_lock_reason }, where).toEqual({
      locked: pr.locked,
      reason: pr.active_lock_reason,
    });
    expect(got.pull.base.ref, where).toBe(pr.pull.base.ref);
    expect(got.pull.head.sha, where).toBe(pr.pull.head.sha);
    // A head branch that is gone (deleted fork) comes back on a restore branch at the saved commit.
    const head = pr.pull.head.repoFullName === null ? `github-data/pr-${pr.number}` : pr.pull.head.ref;
    expect(got.pull.head.ref, where).toBe(head);

    // Conversation comments, in order.
    const comments = conversation(target, got.number).filter((c) => markerOf(c.body, "pr_comment") !== null);
    expect(
      comments.map((c) => strip(c.body)),
      where,
    ).toEqual(conversation(source, pr.number).map((c) => m.text(c.body)));
  }
}

function compareReviews(m: Matched): void {
  const { source, target } = m;
  const reviews = byMarker(target.reviews, "pr_review");
  for (const review of source.reviews) {
    const pr = m.pulls.get(review.pull_number);
    const got = reviews.get(String(review.id));
    const where = `review ${review.id} on PR #${review.pull_number}`;
    expect(got, where).toBeDefined();
    if (!got || !pr) continue;
    expect(got.pull_number, where).toBe(pr.number);
    expect(strip(got.body), where).toBe(m.text(review.body));
    expect(got.commit_id, where).toBe(review.commit_id);
    if (review.state === "COMMENTED") expect(got.state, where).toBe("COMMENTED");
    else {
      // Every restored PR is the token's own: approval and change requests become comments that say so.
      expect(got.state, where).toBe("COMMENTED");
      expect(got.body, where).toContain(`Original review state: **${review.state}**`);
    }
  }
  const comments = byMarker(target.reviewComments, "pr_review_comment");
  for (const c of source.reviewComments) {
    const got = comments.get(String(c.id));
    const where = `review comment ${c.id} on PR #${c.pull_number}`;
    expect(got, where).toBeDefined();
    if (!got) continue;
    expect(got.pull_number, where).toBe(m.pulls.get(c.pull_number)?.number);
    expect(strip(got.body), where).toBe(m.text(c.body));
    expect(
      { path: got.path, line: got.line, side: got.side, start_line: got.start_line, commit: got.commit_id },
      where,
    ).toEqual({ path: c.path, line: c.line, side: c.side, start_line: c.start_line, commit: c.commit_id });
    if (c.in_reply_to_id === null) {
      expect(got.in_reply_to_id, where).toBeNull();
      // Top-level comments travel with their review.
      const review =
        c.pull_request_review_id === null ? undefined : reviews.get(String(c.pull_request_review_id));
      expect(got.pull_request_review_id, where).toBe(review?.id);
    } else {
      expect(got.in_reply_to_id, where).toBe(comments.get(String(c.in_reply_to_id))?.id);
    }
  }
}

function compareReleases(m: Matched): void {
  const { source, target } = m;
  const view = (repo: FakeRepo, text: (b: string | null) => string) =>
    repo.releases
      .map((r) => ({
        tag: r.tag_name,
        name: r.name,
        body: text(r.body),
        draft: r.draft,
        prerelease: r.prerelease,
        target: r.target_commitish,
        assets: r.assets
          .map((a) => ({ name: a.name, label: a.label, type: a.content_type, sha256: sha256(a.data) }))
          .sort((a, b) => (a.name < b.name ? -1 : 1)),
      }))
      .sort((a, b) => (a.tag < b.tag ? -1 : 1));
  expect(view(target, strip)).toEqual(view(source, m.text));
  // Creation order is kept, so the newest release is still the newest.
  expect(target.releases.map((r) => r.tag_name)).toEqual(source.releases.map((r) => r.tag_name));
}

function compareGit(m: Matched): void {
  const sourceRefs = gitRefs(m.source.gitDir as string);
  const targetRefs = gitRefs(m.target.gitDir as string);
  for (const [ref, sha] of sourceRefs) {
    if (ref.startsWith("refs/heads/") || ref.startsWith("refs/tags/"))
      expect(targetRefs.get(ref), ref).toBe(sha);
  }
  // No debris: the only refs the source lacks are restore branches an open pull request still needs
  // (a closed one keeps its commits without its branch).
  const open = new Set(
    pulls(m.source)
      .filter((p) => p.state === "open")
      .flatMap((p) => [
        `refs/heads/github-data/pr-${p.number}`,
        `refs/heads/github-data/pr-${p.number}-base`,
      ]),
  );
  const extra = [...targetRefs.keys()].filter((ref) => !sourceRefs.has(ref));
  expect(extra.filter((ref) => !open.has(ref))).toEqual([]);
  expect([...targetRefs.keys()].filter((ref) => ref.startsWith("refs/pull/"))).toEqual([]);
}

describe.each(["small", "tricky"] as const)("round trip of the pull-request side of %s", (dataset) => {
  let fake: FakeGitHub;
  let backup: string;
  let m: Matched;
  let first: Awaited<ReturnType<typeof restore>>;

  beforeAll(async () => {
    fake = await startFake(dataset, 3);
    makeEveryoneAssignable(fake.store);
    // Locks, with and without a reason (the datasets lock issues only).
    const [one, two] = pulls(repoOf(fake, "sample"));
    Object.assign(one ?? {}, { locked: true, active_lock_reason: "too heated" });
    Object.assign(two ?? {}, { locked: true, active_lock_reason: null });
    backup = await saveBackup(fake);
    first = await restore(restoreRequest(fake, backup, "restored"));
    m = matchPulls(repoOf(fake, "sample"), repoOf(fake, "restored"), fake.url);
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
  });

  it("has the cases worth checking", () => {
    const source = m.source;
    expect(pulls(source).length).toBeGreaterThan(5);
    expect(source.reviews.length).toBeGreaterThan(5);
    expect(source.reviewComments.some((c) => c.in_reply_to_id !== null)).toBe(true);
    expect(source.releases.flatMap((r) => r.assets).length).toBeGreaterThan(3);
    expect(pulls(source).some((p) => p.pull?.merged_at)).toBe(true);
    expect(source.reviewComments.some((c) => c.start_line !== null)).toBe(true);
    if (dataset === "tricky") {
      expect(pulls(source).some((p) => p.pull?.head.repoFullName === null)).toBe(true);
      expect(pulls(source).some((p) => p.pull?.draft)).toBe(true);
      expect(source.reviews.some((r) => r.state === "APPROVED")).toBe(true);
    }
  });

  it("restores everything without a failure", () => {
    expect(first.warnings).toEqual([]);
    expect(first.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(first.exitCode).toBe(0);
  });

  it("recreates every pull request with its state, labels, milestone, assignees, branches and conversation", () => {
    comparePulls(fake, m);
  });

  it("recreates reviews and review comments on their lines, threaded", () => {
    compareReviews(m);
  });

  it("recreates releases with every asset byte", () => {
    compareReleases(m);
  });

  it("pushes branches and tags, never refs/pull/*", () => {
    compareGit(m);
  });

  it("keeps the token out of every git config and backup file", () => {
    for (const file of [join(m.target.gitDir as string, "config"), ...filesBelow(backup)]) {
      if (statSync(file).size > 50_000_000) continue;
      expect(readFileSync(file).includes(fake.token), file).toBe(false);
    }
  });

  it("creates nothing when run again", async () => {
    fake.resetStats();
    const again = await restore(restoreRequest(fake, backup, "restored"));
    expect(again.exitCode).toBe(0);
    expect(writeRequests(fake)).toEqual({});
    expect(again.results.reduce((n, r) => n + r.records, 0)).toBe(0);
  });
});
