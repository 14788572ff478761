// Counts GitHub reports next to each issue (`comments`) are compared with the
// comments saved for it. The list answers are doctored by a fetch wrapper on
// the client (the fake server itself is honest), and the store is changed
// between the issues' counts and the comment list, so the order is fixed.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import { createIssueComment } from "../../fake-github/store/mutations/issue-comments.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { verifyBackup } from "../../src/backup/verify.js";
import { RECORD_FILES } from "../../src/entities/index.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { saveRequest } from "./helpers.js";

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "gd-reconcile-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const selection = {
  entities: new Set<EntityName>(["issues", "issue_comments"]),
  issues: { kind: "all" as const },
  pullRequests: { kind: "all" as const },
};

const repoWideList = /\/repos\/[^/]+\/[^/]+\/issues\/comments(\?|$)/;
const perIssueList = /\/repos\/[^/]+\/[^/]+\/issues\/\d+\/comments(\?|$)/;

interface Doctor {
  /** Runs once the first GraphQL answer (the issues and their counts) is in, before any comment list is sent. */
  beforeComments?: () => void;
  /** Comment ids removed from answers of lists whose URL matches. */
  hide?: { ids: Set<number>; from: RegExp[] };
}

/** A fetch that orders the comment list after the issues' counts and can hide comments from answers. */
function doctoredFetch(doctor: Doctor): typeof fetch {
  let countsIn: () => void = () => {};
  const counted = new Promise<void>((resolve) => {
    countsIn = resolve;
  });
  let prepared = false;
  return async (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (repoWideList.test(url)) {
      await counted;
      if (!prepared) {
        prepared = true;
        doctor.beforeComments?.();
      }
    }
    const response = await fetch(input, init);
    if (url.endsWith("/graphql")) countsIn();
    if (!doctor.hide?.from.some((re) => re.test(url)) || response.status !== 200) return response;
    const body = (await response.json()) as Array<{ id: number }>;
    const headers = new Headers(response.headers);
    headers.delete("content-length");
    headers.delete("content-encoding");
    return new Response(JSON.stringify(body.filter((c) => !doctor.hide?.ids.has(c.id))), {
      status: 200,
      headers,
    });
  };
}

async function save(fake: FakeGitHub, name: string, doctor: Doctor = {}) {
  const dir = join(root, name);
  const request = saveRequest(fake, dir, { selection });
  request.client = { ...request.client, fetch: doctoredFetch(doctor) };
  const result = await new SaveRepositoryUseCase().execute(request);
  return { dir, result };
}

function savedIds(dir: string): number[] {
  return readFileSync(join(dir, "issue_comments.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => (JSON.parse(line) as { id: number }).id);
}

/** Ids of the store's comments on issues (not pull requests), ascending. */
function storeIds(repo: FakeRepo): number[] {
  return repo.comments
    .filter((c) => !repo.issues.get(c.issue_number)?.pull)
    .map((c) => c.id)
    .sort((a, b) => a - b);
}

/** A commented issue (not a pull request) and one of its comments. */
function commentedIssue(repo: FakeRepo, skip = 0) {
  const comments = repo.comments.filter((c) => !repo.issues.get(c.issue_number)?.pull);
  const comment = comments[skip];
  if (!comment) throw new Error("no comment on an issue");
  return comment;
}

describe("counts reconciled: issue comments against each issue's reported count", () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 21 });
    repo = findRepo(fake.store, "octo-org", "sample") as FakeRepo;
  });
  afterAll(() => fake.close());

  it("a comment missing from the repo-wide list is read again through its issue: same file as a clean save", async () => {
    const clean = await save(fake, "clean");
    expect(clean.result.exitCode).toBe(0);
    const lost = commentedIssue(repo, 3);
    fake.resetStats();
    const healed = await save(fake, "healed", { hide: { ids: new Set([lost.id]), from: [repoWideList] } });
    expect(healed.result.exitCode).toBe(0);
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"]).toBe(1);
    expect(readFileSync(join(healed.dir, "issue_comments.jsonl"), "utf8")).toBe(
      readFileSync(join(clean.dir, "issue_comments.jsonl"), "utf8"),
    );
  });

  it("a comment deleted and one added during the save do not fail it", async () => {
    const deleted = commentedIssue(repo, 1);
    const admin =
      [...fake.store.users.values()].find((u) => u.site_admin) ?? [...fake.store.users.values()][0];
    const otherIssue = commentedIssue(repo, 5).issue_number;
    fake.resetStats();
    const { dir, result } = await save(fake, "changed", {
      beforeComments: () => {
        repo.comments.splice(repo.comments.indexOf(deleted), 1);
        if (admin) createIssueComment(fake.store, repo, admin, otherIssue, "added during the save");
      },
    });
    expect(result.exitCode).toBe(0);
    expect(savedIds(dir)).toEqual(storeIds(repo));
    expect(savedIds(dir)).not.toContain(deleted.id);
    // The deleted comment's issue came up short, was read again, and its count had dropped.
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/issues/{issue_number}/comments"]).toBe(1);
    expect(fake.stats.byRoute["GET /repos/{owner}/{repo}/issues/{issue_number}"]).toBe(1);
  });

  it("an unexplained shortfall fails the job with exit 1, naming the issue and both counts", async () => {
    const lost = commentedIssue(repo, 2);
    const reported = repo.comments.filter((c) => c.issue_number === lost.issue_number).length;
    const { result } = await save(fake, "short", {
      hide: { ids: new Set([lost.id]), from: [repoWideList, perIssueList] },
    });
    expect(result.exitCode).toBe(1);
    const job = result.results.find((r) => r.name === "issue_comments");
    expect(job?.status).toBe("failed");
    expect(job?.error).toContain(
      `issue #${lost.issue_number}: GitHub reports ${reported} comments, ${reported - 1} saved`,
    );
    expect(result.results.find((r) => r.name === "issues")?.status).toBe("succeeded");
  });

  it("a failed issues job leaves issue_comments to finish without counts", async () => {
    const errors = [{ type: "RESOURCE_LIMITS", message: "Resource limits exceeded" }];
    fake.configure({
      script: [{ route: "POST /graphql", nth: 1, times: 100_000, status: 200, body: { data: null, errors } }],
    });
    try {
      const { result } = await save(fake, "issues-failed");
      expect(result.results.find((r) => r.name === "issues")?.status).toBe("failed");
      expect(result.results.find((r) => r.name === "issue_comments")?.status).toBe("succeeded");
    } finally {
      fake.configure({ script: [] });
    }
  });

  it("pull requests too: their comment counts come with the reviews' GraphQL batches", async () => {
    const onPulls = repo.comments.filter((c) => repo.issues.get(c.issue_number)?.pull);
    const lost = onPulls[0];
    if (!lost) throw new Error("no comment on a pull request");
    const reported = onPulls.filter((c) => c.issue_number === lost.issue_number).length;
    const dir = join(root, "pulls-short");
    const request = saveRequest(fake, dir, {
      selection: { ...selection, entities: new Set<EntityName>(["pr_reviews", "pr_comments"]) },
    });
    request.client = {
      ...request.client,
      fetch: doctoredFetch({ hide: { ids: new Set([lost.id]), from: [repoWideList, perIssueList] } }),
    };
    const result = await new SaveRepositoryUseCase().execute(request);
    expect(result.exitCode).toBe(1);
    expect(result.results.find((r) => r.name === "pr_comments")?.error).toContain(
      `pull request #${lost.issue_number}: GitHub reports ${reported} comments, ${reported - 1} saved`,
    );
  });
});

describe("verify reconciles a folder offline", () => {
  it("reports an issue whose comments were edited out of the folder, manifest and all", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 22 });
    try {
      const { dir, result } = await save(fake, "edited");
      expect(result.exitCode).toBe(0);
      expect((await verifyBackup(dir, RECORD_FILES)).problems).toEqual([]);
      const file = join(dir, "issue_comments.jsonl");
      const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
      const dropped = JSON.parse(lines[0] ?? "{}") as { issue_number: number };
      const saved = lines.filter(
        (l) => (JSON.parse(l) as { issue_number: number }).issue_number === dropped.issue_number,
      );
      const text = `${lines.slice(1).join("\n")}\n`;
      writeFileSync(file, text);
      // The manifest is made to agree, so only the counts can tell.
      const manifestPath = join(dir, "manifest.json");
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
        files: Record<string, { bytes: number; sha256: string; records?: number }>;
      };
      manifest.files["issue_comments.jsonl"] = {
        ...manifest.files["issue_comments.jsonl"],
        bytes: Buffer.byteLength(text),
        sha256: createHash("sha256").update(text).digest("hex"),
        records: lines.length - 1,
      };
      writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
      const report = await verifyBackup(dir, RECORD_FILES);
      expect(report.ok).toBe(false);
      expect(report.problems).toEqual([
        {
          file: "issue_comments.jsonl",
          message: `issue #${dropped.issue_number}: GitHub reported ${saved.length} comments, the folder holds ${saved.length - 1}`,
        },
      ]);
    } finally {
      await fake.close();
    }
  });
});
