// Every count GitHub reports next to a parent besides conversation comments
// (reconcile.test.ts): a pull request's reviews and review threads, an
// issue's sub-issues and assignees, a release's assets. The fake's
// `hiddenListItems` knob leaves one child out of every list while its parent
// still counts it: an unexplained shortfall, which fails the job naming the
// parent and both counts. Children added or deleted between the counts and
// the lists do not fail the save (the list is held back until the counts are
// in, by a fetch wrapper on the client, so the order is fixed).
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { verifyBackup } from "../../src/backup/verify.js";
import { RECORD_FILES } from "../../src/entities/index.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { readJsonl } from "./expected.js";
import { saveRequest } from "./helpers.js";

let root: string;
let fake: FakeGitHub;
let repo: FakeRepo;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "gd-reconcile-kinds-"));
  fake = await startFakeGitHub({ dataset: "small", seed: 21 });
  repo = findRepo(fake.store, "octo-org", "sample") as FakeRepo;
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

interface Order {
  /** Requests whose URL matches wait until the first GraphQL answer is in… */
  hold: RegExp;
  /** …and this runs once before the first of them is sent. */
  meanwhile: () => void;
}

/** A fetch that sends the held list only after the counts (GraphQL) are in, changing the store in between. */
function orderedFetch(order: Order): typeof fetch {
  let countsIn: () => void = () => {};
  const counted = new Promise<void>((resolve) => {
    countsIn = resolve;
  });
  let changed = false;
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (order.hold.test(url)) {
      await counted;
      if (!changed) {
        changed = true;
        order.meanwhile();
      }
    }
    const response = await fetch(input, init);
    if (url.endsWith("/graphql")) countsIn();
    return response;
  };
}

async function save(
  name: string,
  entities: EntityName[],
  options: { hidden?: number[]; order?: Order } = {},
) {
  const dir = join(root, name);
  const request = saveRequest(fake, dir, { entities });
  if (options.order) request.client = { ...request.client, fetch: orderedFetch(options.order) };
  fake.configure({ hiddenListItems: options.hidden ?? [] });
  try {
    const result = await new SaveRepositoryUseCase().execute(request);
    const error = (job: string) => result.results.find((r) => r.name === job)?.error ?? "";
    return { dir, result, error };
  } finally {
    fake.configure({ hiddenListItems: [] });
  }
}

describe("an unexplained shortfall fails the job with exit 1, naming the parent and both counts", () => {
  it("a review missing from its pull request's reviews", async () => {
    const review = repo.reviews.find((r) => r.state !== "PENDING");
    if (!review) throw new Error("no submitted review");
    const reported = repo.reviews.filter(
      (r) => r.pull_number === review.pull_number && r.state !== "PENDING",
    );
    const { result, error } = await save("review", ["pull_requests", "pr_reviews"], { hidden: [review.id] });
    expect(result.exitCode).toBe(1);
    expect(error("pr_reviews")).toContain(
      `pull request #${review.pull_number}: GitHub reports ${reported.length} reviews, ${reported.length - 1} saved`,
    );
  });

  it("a review thread missing from the review comment lists", async () => {
    const root = repo.reviewComments.find((c) => c.in_reply_to_id === null);
    if (!root) throw new Error("no review thread");
    const threads = repo.reviewComments.filter(
      (c) => c.pull_number === root.pull_number && c.in_reply_to_id === null,
    );
    const { result, error } = await save("thread", ["pr_reviews", "pr_review_comments"], {
      hidden: [root.id],
    });
    expect(result.exitCode).toBe(1);
    expect(error("pr_review_comments")).toContain(
      `pull request #${root.pull_number}: GitHub reports ${threads.length} review threads, ${threads.length - 1} saved`,
    );
    expect(result.results.find((r) => r.name === "pr_reviews")?.status).toBe("succeeded");
  });

  it("a sub-issue missing from its parent's sub-issues", async () => {
    const parent = [...repo.issues.values()].find((i) => i.subIssueIds.length > 0);
    const child = parent?.subIssueIds[0];
    if (!parent || child === undefined) throw new Error("no sub-issue link");
    const n = parent.subIssueIds.length;
    const { result, error } = await save("sub-issue", ["issues", "sub_issues"], { hidden: [child] });
    expect(result.exitCode).toBe(1);
    expect(error("issues")).toContain(
      `issue #${parent.number}: GitHub reports ${n} sub-issues, ${n - 1} saved`,
    );
  });

  it("an assignee missing from an issue's assignees", async () => {
    const issue = [...repo.issues.values()].find((i) => i.pull === null && i.assigneeIds.length > 0);
    const user = issue?.assigneeIds[0];
    if (!issue || user === undefined) throw new Error("no assigned issue");
    const { result, error } = await save("assignee", ["issues"], { hidden: [user] });
    expect(result.exitCode).toBe(1);
    const named = /issue #(\d+): GitHub reports (\d+) assignees, (\d+) saved/.exec(error("issues"));
    const assigned = repo.issues.get(Number(named?.[1]));
    expect(assigned?.assigneeIds).toContain(user);
    expect(Number(named?.[2])).toBe(assigned?.assigneeIds.length);
    expect(Number(named?.[3])).toBe((assigned?.assigneeIds.length ?? 0) - 1);
  });

  it("a label missing from a pull request's labels (REST list and issue) against GraphQL's count", async () => {
    const pull = [...repo.issues.values()].find((i) => i.pull !== null && i.labelIds.length > 0);
    const label = pull?.labelIds[0];
    if (!pull || label === undefined) throw new Error("no labelled pull request");
    // Other pull requests with that label come up short too; the first is named.
    const { result, error } = await save("pull-label", ["pull_requests"], { hidden: [label] });
    expect(result.exitCode).toBe(1);
    const named = /pull request #(\d+): GitHub reports (\d+) labels, (\d+) saved/.exec(
      error("pull_requests"),
    );
    const labelled = repo.issues.get(Number(named?.[1]));
    expect(labelled?.labelIds).toContain(label);
    expect(Number(named?.[2])).toBe(labelled?.labelIds.length);
    expect(Number(named?.[3])).toBe((labelled?.labelIds.length ?? 0) - 1);
  });

  it("without pr_reviews, pull_requests reads the counts itself: a conversation comment missing", async () => {
    const onPulls = repo.comments.filter((c) => repo.issues.get(c.issue_number)?.pull);
    const lost = onPulls[0];
    if (!lost) throw new Error("no comment on a pull request");
    const n = onPulls.filter((c) => c.issue_number === lost.issue_number).length;
    const { dir, result, error } = await save("pull-sweep", ["pull_requests", "pr_comments"], {
      hidden: [lost.id],
    });
    expect(result.exitCode).toBe(1);
    expect(error("pr_comments")).toContain(
      `pull request #${lost.issue_number}: GitHub reports ${n} comments, ${n - 1} saved`,
    );
    const record = readJsonl(dir, "pull_requests.jsonl").find((r) => r.number === lost.issue_number);
    expect((record?.reported_counts as { comments?: number } | undefined)?.comments).toBe(n);
  });

  it("an asset missing from its release", async () => {
    const release = repo.releases.find((r) => r.assets.length > 0);
    const asset = release?.assets[0];
    if (!release || !asset) throw new Error("no release asset");
    const n = release.assets.length;
    const { result, error } = await save("asset", ["releases"], { hidden: [asset.id] });
    expect(result.exitCode).toBe(1);
    expect(error("releases")).toContain(
      `release ${release.tag_name}: GitHub reports ${n} assets, ${n - 1} saved`,
    );
  });
});

describe("children added or deleted between the counts and the lists do not fail the save", () => {
  it("review threads: one deleted, one added", async () => {
    const [deleted, other] = repo.reviewComments.filter((c) => c.in_reply_to_id === null);
    if (!deleted || !other) throw new Error("too few review threads");
    fake.resetStats();
    const { dir, result } = await save("threads-changed", ["pr_reviews", "pr_review_comments"], {
      order: {
        hold: /\/pulls\/comments(\?|$)/,
        meanwhile: () => {
          // The deleted thread's replies go with it.
          repo.reviewComments = repo.reviewComments.filter(
            (c) => c.id !== deleted.id && c.in_reply_to_id !== deleted.id,
          );
          repo.reviewComments.push({
            ...other,
            id: fake.store.nextId(),
            node_id: "PRRC_added",
            body: "added",
          });
        },
      },
    });
    expect(result.exitCode).toBe(0);
    const saved = readJsonl(dir, "pr_review_comments.jsonl").map((c) => c.id);
    expect(saved).not.toContain(deleted.id);
    expect(saved.length).toBe(repo.reviewComments.length);
    // The deleted thread's pull request came up short, was read again, and its count had dropped.
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/pulls/{pull_number}/comments"]).toBe(1);
  });

  it("release assets: one deleted, one added", async () => {
    const release = repo.releases.find((r) => r.assets.length > 1);
    const [deleted, kept] = release?.assets ?? [];
    if (!release || !deleted || !kept) throw new Error("no release with two assets");
    fake.resetStats();
    const { dir, result } = await save("assets-changed", ["releases"], {
      order: {
        hold: /\/releases(\?|$)/,
        meanwhile: () => {
          release.assets = release.assets.filter((a) => a.id !== deleted.id);
          const other = repo.releases.find((r) => r !== release && r.assets.length > 0);
          other?.assets.push({ ...kept, id: fake.store.nextId(), node_id: "RA_added", name: "added.bin" });
        },
      },
    });
    expect(result.exitCode).toBe(0);
    const saved = readJsonl(dir, "releases.jsonl").flatMap((r) =>
      (r.assets as Array<{ id: number }>).map((a) => a.id),
    );
    expect(saved).not.toContain(deleted.id);
    expect(saved.length).toBe(repo.releases.reduce((sum, r) => sum + r.assets.length, 0));
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/releases/{release_id}/assets"]).toBe(1);
  });
});

type Row = Record<string, unknown>;

/** Rewrites one JSONL file of a backup through `edit`, with the manifest made to agree, so only the counts can tell. */
function editFile(dir: string, file: string, edit: (rows: Row[]) => Row[]): void {
  const rows = edit(readJsonl(dir, file));
  const text = rows.map((row) => `${JSON.stringify(row)}\n`).join("");
  writeFileSync(join(dir, file), text);
  const manifestPath = join(dir, "manifest.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { files: Record<string, Row> };
  manifest.files[file] = {
    ...manifest.files[file],
    bytes: Buffer.byteLength(text),
    sha256: createHash("sha256").update(text).digest("hex"),
    records: rows.length,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** The first row `pick` accepts, and the rows without it. */
function withoutFirst(rows: Row[], pick: (row: Row) => boolean): { dropped: Row; rest: Row[] } {
  const index = rows.findIndex(pick);
  const dropped = rows[index];
  if (dropped === undefined) throw new Error("nothing to drop");
  return { dropped, rest: rows.filter((_, i) => i !== index) };
}

describe("verify reconciles a folder offline against the counts its parent records keep", () => {
  it("reports a dropped review, review thread, sub-issue link, label and asset, naming each parent and both counts", async () => {
    const { dir, result } = await save("offline", [
      "issues",
      "sub_issues",
      "pull_requests",
      "pr_reviews",
      "pr_review_comments",
      "releases",
    ]);
    expect(result.exitCode).toBe(0);
    expect((await verifyBackup(dir, RECORD_FILES)).problems).toEqual([]);
    const counts = (file: string, number: unknown) =>
      readJsonl(dir, file).find((r) => r.number === number)?.reported_counts as Record<string, number>;

    const expected: Array<{ file: string; message: string }> = [];
    editFile(dir, "pr_reviews.jsonl", (rows) => {
      const { dropped, rest } = withoutFirst(rows, () => true);
      const n = dropped.pull_request_number;
      const reported = counts("pull_requests.jsonl", n).reviews;
      expected.push({
        file: "pr_reviews.jsonl",
        message: `pull request #${n}: GitHub reported ${reported} reviews, the folder holds ${(reported ?? 0) - 1}`,
      });
      return rest;
    });
    editFile(dir, "pr_review_comments.jsonl", (rows) => {
      // A thread's first comment (its replies stay: only the thread count can tell).
      const { dropped, rest } = withoutFirst(rows, (r) => r.in_reply_to_id === null);
      const n = dropped.pull_request_number;
      const reported = counts("pull_requests.jsonl", n).review_threads;
      expected.push({
        file: "pr_review_comments.jsonl",
        message: `pull request #${n}: GitHub reported ${reported} review threads, the folder holds ${(reported ?? 0) - 1}`,
      });
      return rest;
    });
    editFile(dir, "sub_issues.jsonl", (rows) => {
      const { dropped, rest } = withoutFirst(rows, () => true);
      const n = dropped.parent_number;
      const reported = counts("issues.jsonl", n).sub_issues;
      expected.push({
        file: "sub_issues.jsonl",
        message: `issue #${n}: GitHub reported ${reported} sub-issues, the folder holds ${(reported ?? 0) - 1}`,
      });
      return rest;
    });
    editFile(dir, "issues.jsonl", (rows) => {
      const issue = rows.find((r) => (r.labels as unknown[]).length > 0);
      if (!issue) throw new Error("no labelled issue");
      const labels = issue.labels as unknown[];
      expected.push({
        file: "issues.jsonl",
        message: `issue #${issue.number}: GitHub reported ${labels.length} labels, the record holds ${labels.length - 1}`,
      });
      return rows.map((r) => (r === issue ? { ...r, labels: labels.slice(1) } : r));
    });
    editFile(dir, "releases.jsonl", (rows) => {
      const release = rows.find((r) => (r.assets as unknown[]).length > 0);
      if (!release) throw new Error("no release with assets");
      const assets = release.assets as unknown[];
      expected.push({
        file: "releases.jsonl",
        message: `release ${release.tag_name}: GitHub reported ${assets.length} assets, the record holds ${assets.length - 1}`,
      });
      return rows.map((r) => (r === release ? { ...r, assets: assets.slice(1) } : r));
    });

    const report = await verifyBackup(dir, RECORD_FILES);
    expect(report.ok).toBe(false);
    const byFile = (a: { file?: string }, b: { file?: string }) =>
      String(a.file).localeCompare(String(b.file));
    expect([...report.problems].sort(byFile)).toEqual(expected.sort(byFile));
  });
});
