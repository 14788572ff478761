// End to end: save fake repositories and compare every record of every type
// with the fake server's state.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { ENTITY_NAMES, type EntityName } from "../../src/entities/names.js";
import { verifyBackup } from "../../src/index.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { parseNumberSpec, selectionHas } from "../../src/selection/number-spec.js";
import * as E from "./expected.js";
import { entityFiles, saveRequest } from "./helpers.js";

const roots: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gd-save-"));
  roots.push(dir);
  return join(dir, "backup");
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

function checkAgainstStore(fake: FakeGitHub, repo: FakeRepo, dir: string, wanted: E.Wanted = E.everything) {
  const store = fake.store;
  expect(E.readJsonl(dir, "issues.jsonl").map(E.projectIssue)).toEqual(E.expectedIssues(store, repo, wanted));
  expect(E.readJsonl(dir, "pull_requests.jsonl").map(E.projectPull)).toEqual(
    E.expectedPulls(store, repo, wanted),
  );
  expect(E.readJsonl(dir, "issue_comments.jsonl").map(E.projectComment)).toEqual(
    E.expectedComments(store, repo, false, wanted),
  );
  expect(E.readJsonl(dir, "pr_comments.jsonl").map(E.projectComment)).toEqual(
    E.expectedComments(store, repo, true, wanted),
  );
  expect(E.readJsonl(dir, "pr_reviews.jsonl").map(E.projectReview)).toEqual(
    E.expectedReviews(store, repo, wanted),
  );
  expect(E.readJsonl(dir, "pr_review_comments.jsonl").map(E.projectReviewComment)).toEqual(
    E.expectedReviewComments(repo, wanted),
  );
  expect(E.readJsonl(dir, "sub_issues.jsonl")).toEqual(E.expectedSubIssues(store, repo, wanted));
  expect(E.readJsonl(dir, "issue_events.jsonl").map(E.projectIssueEvent)).toEqual(
    E.expectedIssueEvents(store, repo, wanted),
  );
  expect(E.readJsonl(dir, "reactions.jsonl")).toEqual(E.expectedReactions(store, repo, wanted));
}

describe.each(["small", "tricky"] as const)("save of the %s dataset", (dataset) => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset, seed: 7, git: true });
    repo = findRepo(fake.store, "octo-org", "sample")!;
    dir = freshDir();
    const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, dir));
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(result.exitCode).toBe(0);
  });
  afterAll(() => fake.close());

  it("saves every record of every type as the server holds it", () => {
    checkAgainstStore(fake, repo, dir);
  });

  it("saves labels, milestones and releases with every asset byte", () => {
    const labels = E.readJsonl(dir, "labels.jsonl");
    expect(labels.map((l) => [l.name, l.color, l.description])).toEqual(
      [...repo.labels].sort((a, b) => a.id - b.id).map((l) => [l.name, l.color, l.description]),
    );
    const milestones = E.readJsonl(dir, "milestones.jsonl");
    expect(milestones.map((m) => [m.number, m.title, m.state, m.due_on])).toEqual(
      [...repo.milestones]
        .sort((a, b) => a.number - b.number)
        .map((m) => [m.number, m.title, m.state, m.due_on]),
    );
    const releases = E.readJsonl(dir, "releases.jsonl");
    expect(releases.map((r) => r.tag_name)).toEqual(
      [...repo.releases].sort((a, b) => a.id - b.id).map((r) => r.tag_name),
    );
    for (const release of repo.releases) {
      const saved = releases.find((r) => r.id === release.id)!;
      const assets = saved.assets as Array<{ id: number; name: string; path: string; sha256: string }>;
      for (const asset of release.assets) {
        const record = assets.find((a) => a.id === asset.id)!;
        expect(record.name).toBe(asset.name);
        const bytes = readFileSync(join(dir, record.path));
        expect(bytes.equals(asset.data)).toBe(true);
        expect(record.sha256).toBe(createHash("sha256").update(asset.data).digest("hex"));
        expect(record.path.startsWith(`release-assets/${release.id}/`)).toBe(true);
        expect(record.path.split("/").includes("..")).toBe(false);
      }
    }
  });

  it("mirrors every branch and tag, with no credentials in the clone", () => {
    const gitDir = join(dir, "git-repo");
    const refs = execFileSync("git", ["for-each-ref", "--format=%(refname) %(objectname)"], {
      cwd: gitDir,
      encoding: "utf8",
    });
    for (const [branch, sha] of repo.branches) expect(refs).toContain(`refs/heads/${branch} ${sha}`);
    const config = readFileSync(join(gitDir, "config"), "utf8");
    expect(config).not.toContain(fake.token);
    expect(config.toLowerCase()).not.toContain("authorization");
  });

  it("writes a manifest that verify accepts", async () => {
    const report = await verifyBackup(dir);
    expect(report.problems).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.jobs.map((j: { name: string; status: string }) => j.status)).toEqual(
      manifest.jobs.map(() => "succeeded"),
    );
    expect(JSON.stringify(manifest)).not.toContain(fake.token);
  });

  it("writes byte-identical entity files when saving the same state again", async () => {
    const again = freshDir();
    await new SaveRepositoryUseCase().execute(saveRequest(fake, again));
    expect(entityFiles(again)).toEqual(entityFiles(dir));
  });
});

describe("save with a selection", () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 3 });
    repo = findRepo(fake.store, "octo-org", "sample")!;
  });
  afterAll(() => fake.close());

  it("keeps exactly the selected issues and pull requests, and only their children", async () => {
    const issuesSpec = parseNumberSpec("1-5 10", "--issues");
    const pullsSpec = parseNumberSpec("2-8", "--pull-requests");
    const dir = freshDir();
    const entities = new Set<EntityName>(
      ENTITY_NAMES.filter((n) => n !== "git_repo" && n !== "release_assets"),
    );
    const result = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, dir, { selection: { entities, issues: issuesSpec, pullRequests: pullsSpec } }),
    );
    expect(result.exitCode).toBe(0);
    const wanted: E.Wanted = {
      issues: (n) => selectionHas(issuesSpec, n),
      pulls: (n) => selectionHas(pullsSpec, n),
    };
    checkAgainstStore(fake, repo, dir, wanted);
    // No child of an unselected parent: not 15's or 51's comments when 5 is selected.
    for (const c of E.readJsonl(dir, "issue_comments.jsonl"))
      expect(selectionHas(issuesSpec, c.issue_number as number)).toBe(true);
    for (const file of ["pr_comments.jsonl", "pr_reviews.jsonl", "pr_review_comments.jsonl"]) {
      for (const c of E.readJsonl(dir, file))
        expect(selectionHas(pullsSpec, c.pull_request_number as number)).toBe(true);
    }
    for (const s of E.readJsonl(dir, "sub_issues.jsonl"))
      expect(selectionHas(issuesSpec, s.parent_number as number)).toBe(true);
    expect(E.readJsonl(dir, "issues.jsonl").length).toBeGreaterThan(0);
  });

  it("runs only the selected jobs", async () => {
    fake.resetStats();
    const dir = freshDir();
    const result = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, dir, {
        selection: {
          entities: new Set<EntityName>(["labels", "releases"]),
          issues: { kind: "all" },
          pullRequests: { kind: "all" },
        },
      }),
    );
    expect(result.results.map((r) => r.name)).toEqual(["labels", "releases"]);
    expect(readdirSync(dir).sort()).toEqual(["labels.jsonl", "manifest.json", "releases.jsonl"]);
    expect(fake.stats.byRoute["POST /graphql"] ?? 0).toBe(0);
  });
});

describe("save under faults", () => {
  it("gives byte-identical files with 5% injected faults and a mid-run primary-limit reset", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 11 });
    try {
      const cleanDir = freshDir();
      await new SaveRepositoryUseCase().execute(saveRequest(fake, cleanDir, { selection: noGit() }));
      fake.configure({
        faults: { rate: 0.05, seed: 5, resetRate: 0.02 },
        rateLimit: { limit: 8, graphqlLimit: 1000, windowMs: 1500 },
      });
      const faultyDir = freshDir();
      const result = await new SaveRepositoryUseCase().execute(
        saveRequest(fake, faultyDir, { selection: noGit() }),
      );
      expect(result.exitCode).toBe(0);
      expect(result.requests.retries).toBeGreaterThan(0);
      expect(result.requests.rateLimitWaits).toBeGreaterThan(0);
      expect(entityFiles(faultyDir)).toEqual(entityFiles(cleanDir));
    } finally {
      await fake.close();
    }
  });
});

function noGit() {
  return {
    entities: new Set<EntityName>(ENTITY_NAMES.filter((n) => n !== "git_repo")),
    issues: { kind: "all" as const },
    pullRequests: { kind: "all" as const },
  };
}
