// The routes a pull request and its children take when the original cannot
// be reproduced: a head branch gone (restore branch at the saved commit), a
// head commit missing too (an issue that says so), a review comment whose
// commit is unknown (a conversation comment quoting path, line and hunk),
// reviews on one's own PR (COMMENT with the original state) or on someone
// else's (the real state), an asset record pointing outside the backup, and a
// dry run that writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import type { FakeIssue, FakeRepo } from "../../../fake-github/store/types.js";
import type { ReleaseRecord } from "../../../src/entities/releases/record.js";
import { releasesRestorer } from "../../../src/entities/releases/restore.js";
import { markerOf } from "../../../src/restore/bodies.js";
import type { EntityRestorer } from "../../../src/restore/types.js";
import {
  byMarker,
  makeEveryoneAssignable,
  PR_RESTORERS,
  PR_SIDE,
  pulls,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
  startFake,
  writeRequests,
} from "../support/pull-side.js";
import { conversation, strip } from "../support/views.js";

afterAll(removeTempDirs);

const MISSING_SHA = "1".repeat(40);

function pullTitled(repo: FakeRepo, title: string): FakeIssue {
  const pr = pulls(repo).find((p) => p.title === title);
  if (!pr?.pull) throw new Error(`no PR titled ${title}`);
  return pr;
}

describe("fallbacks of the pull-request side (tricky)", () => {
  let fake: FakeGitHub;
  let backup: string;
  let source: FakeRepo;
  let target: FakeRepo;
  let result: Awaited<ReturnType<typeof restore>>;
  let lostPr: FakeIssue;
  let orphanPr: FakeIssue;
  let movedCommentId: number;

  beforeAll(async () => {
    fake = await startFake("tricky", 5);
    makeEveryoneAssignable(fake.store);
    source = repoOf(fake, "sample");
    // A PR whose fork is gone and whose head commit exists nowhere any more.
    lostPr = pullTitled(source, "Closed without merging");
    if (lostPr.pull) lostPr.pull.head = { ...lostPr.pull.head, sha: MISSING_SHA, repoFullName: null };
    orphanPr = pullTitled(source, "PR from a deleted fork");
    // A review comment on a commit the target will not have (with its replies).
    const thread = source.reviewComments.find(
      (c) => c.in_reply_to_id === null && source.reviewComments.some((r) => r.in_reply_to_id === c.id),
    );
    if (!thread) throw new Error("no review thread in tricky");
    thread.commit_id = MISSING_SHA;
    thread.original_commit_id = MISSING_SHA;
    movedCommentId = thread.id;
    backup = await saveBackup(fake);

    // An asset record whose path leaves the backup folder (a tampered backup; verify runs
    // before restore, so the record is altered on its way to the restorer).
    const tampered: EntityRestorer = {
      ...releasesRestorer,
      restore: (ctx) =>
        releasesRestorer.restore({
          ...ctx,
          readRecords: <T>(file: string) =>
            (async function* () {
              for await (const r of ctx.readRecords<ReleaseRecord>(file)) {
                const first = r.assets[0];
                if (r.tag_name === "v1.0.0" && first) first.path = "../../outside.txt";
                yield r as T;
              }
            })(),
        }),
    };
    result = await restore(
      restoreRequest(fake, backup, "fallbacks", {
        restorers: PR_RESTORERS.map((r) => (r.name === "releases" ? tampered : r)),
      }),
    );
    target = repoOf(fake, "fallbacks");
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
  });

  it("restores a PR whose head branch is gone from its saved commit on github-data/pr-N", () => {
    const got = byMarker(pulls(target), "pull_request").get(String(orphanPr.pull?.id));
    expect(got?.pull?.head).toMatchObject({
      ref: `github-data/pr-${orphanPr.number}`,
      sha: orphanPr.pull?.head.sha,
    });
    expect(got?.body).toContain(`restored from the saved commit \`${orphanPr.pull?.head.sha}\``);
    // The restore branch stays while the PR is open; once closed, the PR keeps its commits without it.
    const branch = target.branches.get(`github-data/pr-${orphanPr.number}`);
    if (orphanPr.state === "open") expect(branch).toBe(orphanPr.pull?.head.sha);
    else expect(branch).toBeUndefined();
  });

  it("restores a PR whose head commit is missing as an issue that says so, with its conversation", () => {
    const issues = [...target.issues.values()].filter((i) => i.pull === null);
    const got = byMarker(issues, "pull_request").get(String(lostPr.pull?.id));
    expect(got).toBeDefined();
    if (!got) return;
    expect(got.title).toBe(lostPr.title);
    expect(got.body).toContain("This was a pull request");
    expect(got.body).toContain(`\`${MISSING_SHA}\` is in neither the backup's git mirror nor the target`);
    expect(got.state).toBe("closed");
    expect(got.state_reason).toBe("not_planned");
    // Its comments and its review went to the issue, as conversation comments.
    const texts = conversation(target, got.number).map((c) => c.body);
    expect(texts.length).toBe(
      conversation(source, lostPr.number).length +
        source.reviews.filter((r) => r.pull_number === lostPr.number).length,
    );
    const review = source.reviews.find((r) => r.pull_number === lostPr.number);
    const asComment = conversation(target, got.number).find(
      (c) => markerOf(c.body, "pr_review") === String(review?.id),
    );
    expect(asComment?.body).toContain(`Original review state: **${review?.state}**`);
    expect(result.warnings.some((w) => w.includes(`pull request #${lostPr.number} restored as issue`))).toBe(
      true,
    );
  });

  it("turns a review comment that cannot be placed into a conversation comment quoting path, line and hunk", () => {
    const original = source.reviewComments.find((c) => c.id === movedCommentId);
    const pr = byMarker(pulls(target), "pull_request").get(
      String(pulls(source).find((p) => p.number === original?.pull_number)?.pull?.id),
    );
    expect(original && pr).toBeTruthy();
    if (!original || !pr) return;
    expect(byMarker(target.reviewComments, "pr_review_comment").has(String(original.id))).toBe(false);
    const comments = conversation(target, pr.number);
    const fallback = comments.find((c) => markerOf(c.body, "pr_review_comment") === String(original.id));
    const lines =
      original.start_line === null
        ? `line ${original.line}`
        : `lines ${original.start_line}–${original.line}`;
    expect(fallback?.body).toContain(
      `A review comment on \`${original.path}\` ${lines} at commit \`${MISSING_SHA}\``,
    );
    expect(fallback?.body).toContain("```diff");
    expect(fallback?.body).toContain(original.diff_hunk.split("\n").pop());
    expect(strip(fallback?.body)).toContain(original.body);
    // Its replies follow it into the conversation.
    for (const reply of source.reviewComments.filter((r) => r.in_reply_to_id === original.id)) {
      const moved = comments.find((c) => markerOf(c.body, "pr_review_comment") === String(reply.id));
      expect(moved?.body).toContain("A reply in the review thread on");
    }
  });

  it("fails only the asset whose record points outside the backup", () => {
    const v1 = target.releases.find((r) => r.tag_name === "v1.0.0");
    const original = source.releases.find((r) => r.tag_name === "v1.0.0");
    expect(v1?.assets.map((a) => a.name).sort()).toEqual(
      original?.assets
        .slice(1)
        .map((a) => a.name)
        .sort(),
    );
    const failure = result.warnings.filter((w) => w.startsWith("releases:"));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toContain(`record ${original?.assets[0]?.id}`);
    expect(failure[0]).toContain("outside the backup folder");
    expect(result.results.find((r) => r.name === "releases")).toMatchObject({ status: "failed", failed: 1 });
    expect(result.exitCode).toBe(1);
  });

  it("reports no other failure", () => {
    expect(result.results.filter((r) => r.status !== "succeeded").map((r) => r.name)).toEqual(["releases"]);
  });
});

describe("reviews on a pull request someone else authored", () => {
  let fake: FakeGitHub;

  beforeAll(async () => {
    fake = await startFake("tricky", 7);
    makeEveryoneAssignable(fake.store);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("keeps APPROVED and CHANGES_REQUESTED when the PR in the target is not the token's own", async () => {
    const source = repoOf(fake, "sample");
    const backup = await saveBackup(fake);
    // First the branches, then the pull requests restored under another account (as a
    // restore run partly with another token would): the journal maps them to hers.
    const first = await restore(
      restoreRequest(fake, backup, "others", {
        selection: {
          entities: new Set(["git_repo"]),
          issues: { kind: "all" },
          pullRequests: { kind: "all" },
        },
      }),
    );
    expect(first.exitCode).toBe(0);
    const pr = pulls(source).find((p) =>
      source.reviews.some(
        (r) => r.pull_number === p.number && r.state === "APPROVED" && p.pull?.head.repoFullName,
      ),
    );
    if (!pr?.pull) throw new Error("no PR with an approval");
    const byAlice = await restore(
      restoreRequest(fake, backup, "others", {
        token: "tok-assignable-alice",
        selection: {
          entities: new Set(["pull_requests"]),
          issues: { kind: "all" },
          pullRequests: { kind: "all" },
        },
      }),
    );
    expect(byAlice.results.find((r) => r.name === "pull_requests")?.status).toBe("succeeded");
    const second = await restore(restoreRequest(fake, backup, "others"));
    expect(second.results.find((r) => r.name === "pr_reviews")?.status).toBe("succeeded");
    const target = repoOf(fake, "others");
    const adopted = byMarker(pulls(target), "pull_request").get(String(pr.pull.id));
    expect(byMarker(pulls(target), "pull_request").size).toBe(pulls(source).length);
    const reviews = byMarker(target.reviews, "pr_review");
    for (const review of source.reviews.filter((r) => r.pull_number === pr.number)) {
      const got = reviews.get(String(review.id));
      expect(got?.pull_number).toBe(adopted?.number);
      if (review.state === "APPROVED" || review.state === "CHANGES_REQUESTED")
        expect(got?.state).toBe(review.state);
    }
  }, 60_000);
});

describe("dry run", () => {
  let fake: FakeGitHub;

  beforeAll(async () => {
    fake = await startFake("small", 2);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it("plans pushes, pull requests, children and releases without writing", async () => {
    const backup = await saveBackup(fake);
    fake.resetStats();
    const result = await restore(restoreRequest(fake, backup, "planned", { dryRun: true }));
    expect(result.exitCode).toBe(0);
    expect(writeRequests(fake)).toEqual({});
    const source = repoOf(fake, "sample");
    const plan = result.plan;
    expect(plan?.createsRepository).toBe(true);
    const creates = (entity: string) =>
      plan?.actions.filter((a) => a.entity === entity && a.action === "create").length ?? 0;
    expect(creates("pull_requests")).toBe(pulls(source).length);
    expect(creates("pr_reviews")).toBe(source.reviews.length);
    expect(creates("releases")).toBe(
      source.releases.length + source.releases.reduce((n, r) => n + r.assets.length, 0),
    );
    expect(plan?.actions.some((a) => a.entity === "git_repo" && /push \d+ branch/.test(a.what))).toBe(true);
  }, 60_000);

  it("restores only the selected pull request and its children", async () => {
    const backup = await saveBackup(fake);
    const source = repoOf(fake, "sample");
    const chosen = pulls(source).find(
      (p) =>
        source.comments.some((c) => c.issue_number === p.number) &&
        source.reviews.some((r) => r.pull_number === p.number),
    );
    if (!chosen?.pull) throw new Error("no PR with comments and reviews");
    const result = await restore(
      restoreRequest(fake, backup, "selected", {
        selection: {
          entities: new Set(PR_SIDE),
          issues: { kind: "all" },
          pullRequests: { kind: "some", ranges: [[chosen.number, chosen.number]] },
        },
      }),
    );
    expect(result.exitCode).toBe(0);
    const target = repoOf(fake, "selected");
    expect([...byMarker(pulls(target), "pull_request").keys()]).toEqual([String(chosen.pull.id)]);
    expect([...byMarker(target.reviews, "pr_review").keys()].sort()).toEqual(
      source.reviews
        .filter((r) => r.pull_number === chosen.number)
        .map((r) => String(r.id))
        .sort(),
    );
    expect([...byMarker(target.comments, "pr_comment").keys()].sort()).toEqual(
      source.comments
        .filter((c) => c.issue_number === chosen.number)
        .map((c) => String(c.id))
        .sort(),
    );
  }, 60_000);
});
