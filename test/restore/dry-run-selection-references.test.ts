// Dry runs (reads only, a plan with counts and a time estimate), number
// selections (exactly the chosen issues and their comments, a warning for
// numbers the backup lacks) and references rewritten to new numbers,
// including ones to issues created after the body that mentions them.
import { existsSync } from "node:fs";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { stripRestoreDecorations } from "../../src/restore/bodies.js";
import { budgetCapacity } from "../../src/restore/estimate.js";
import { WORD_JOINER } from "../../src/restore/mentions.js";
import { estimateSeconds } from "../../src/restore/plan.js";
import { parseNumberSpec } from "../../src/selection/number-spec.js";
import {
  addTargetRepo,
  comment,
  type EmptyFake,
  handBackup,
  issue,
  request,
  startEmptyFake,
} from "./support/fixtures.js";
import { plainIssues, removeTempDirs, repoOf, restore, restoreRequest, saveBackup } from "./support/setup.js";

afterAll(removeTempDirs);

describe("dry run", () => {
  it("only reads, and plans every object with the time GitHub's limits need", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 9 });
    try {
      const dir = await saveBackup(fake);
      fake.resetStats();
      // GitHub's pacing (the tests' default request switches it off).
      const result = await restore(
        restoreRequest(fake, dir, "planned", { dryRun: true, importApi: "never", contentLimits: undefined }),
      );
      expect(result.exitCode).toBe(0);
      expect(fake.stats.log.filter((e) => e.method !== "GET")).toEqual([]);
      expect(fake.store.repos.has("octo-org/planned")).toBe(false);
      expect(result.journalPath).toBeNull();
      expect(existsSync(`${dir}/.github-data`)).toBe(false);
      const plan = result.plan;
      expect(plan?.createsRepository).toBe(true);
      const source = repoOf(fake, "sample");
      const issues = plainIssues(source).length;
      const comments = source.comments.filter((c) => source.issues.get(c.issue_number)?.pull === null).length;
      expect(plan?.byEntity.issues).toMatchObject({ create: issues });
      expect(plan?.byEntity.issue_comments).toMatchObject({ create: comments });
      expect(plan?.byEntity.labels).toMatchObject({ create: source.labels.length });
      expect(plan?.byEntity.milestones).toMatchObject({ create: source.milestones.length });
      const links = plan?.byEntity.sub_issues?.create ?? 0;
      expect(links).toBeGreaterThan(0);
      expect(plan?.contentCreating).toBe(issues + comments + links);
      expect(plan?.estimatedSeconds).toBe(estimateSeconds(issues + comments + links));
    } finally {
      await fake.close();
    }
  });

  it("estimates one request a second, 80 a minute and 500 an hour, as the scheduler paces them", () => {
    expect(estimateSeconds(0)).toBe(0);
    expect(estimateSeconds(10)).toBe(9);
    expect(estimateSeconds(81)).toBe(80);
    expect(estimateSeconds(200)).toBe(199);
    // The 501st waits until the first leaves the hour, counted 1.2 s longer, as the scheduler counts it.
    expect(estimateSeconds(501)).toBeCloseTo(3601.2, 6);
    expect(estimateSeconds(1001)).toBeCloseTo(2 * 3601.2, 6);
    expect(estimateSeconds(1000)).toBeCloseTo(3601.2 + 499, 6);
  });
});

describe("selection and references", () => {
  let env: EmptyFake;
  beforeEach(async () => {
    env = await startEmptyFake();
  });
  afterEach(() => env.close());

  it("restores exactly the selected issue with its comments and warns about numbers not in the backup", async () => {
    const dir = await handBackup({
      issues: [issue(1), issue(2), issue(3)],
      issue_comments: [comment(11, 1), comment(12, 2), comment(13, 2), comment(14, 3)],
    });
    const result = await restore(
      request(env, dir, "picked", {
        selection: {
          entities: new Set(["issues", "issue_comments"]),
          issues: parseNumberSpec("2 40-41", "--issues"),
          pullRequests: { kind: "all" },
        },
      }),
    );
    expect(result.exitCode).toBe(0);
    const target = env.store.repos.get("me/picked") as FakeRepo;
    expect(plainIssues(target).map((i) => i.title)).toEqual(["Issue 2"]);
    expect(target.comments.map((c) => stripRestoreDecorations(c.body))).toEqual(["Comment 12", "Comment 13"]);
    expect(result.warnings.join("\n")).toMatch(/--issues: numbers 40, 41 are not in the backup/);
  });

  it("rewrites references to the new numbers, also to issues created later", async () => {
    // Two issues already in the target shift every restored number by two.
    const repo = addTargetRepo(env.store, "shifted");
    for (const [n, title] of [
      [90, "first"],
      [91, "second"],
    ] as const) {
      const dir0 = await handBackup({ issues: [issue(n, { title, body: "x" })] });
      await restore(
        request(env, dir0, "shifted", {
          selection: {
            entities: new Set(["issues"]),
            issues: { kind: "all" },
            pullRequests: { kind: "all" },
          },
        }),
      );
    }
    expect(repo.issues.size).toBe(2);
    const dir = await handBackup({
      issues: [
        issue(1, { body: "Blocked by #3 (https://github.com/src/repo/issues/3), not by #50. cc @bob" }),
        issue(3, { body: "Follows #1.\n```\n#1 stays in code\n```" }),
      ],
      issue_comments: [comment(21, 1, "Duplicate of src/repo#3")],
    });
    const result = await restore(request(env, dir, "shifted"));
    expect(result.exitCode).toBe(0);
    const [one, three] = plainIssues(repo).slice(2);
    expect(one?.number).toBe(3);
    expect(three?.number).toBe(4);
    const web = `${env.fake.url}/me/shifted`;
    expect(stripRestoreDecorations(one?.body)).toBe(`Blocked by #4 (${web}/issues/4), not by #50. cc @bob`);
    expect(one?.body).toContain(`#${WORD_JOINER}50`);
    expect(stripRestoreDecorations(three?.body)).toBe("Follows #3.\n```\n#1 stays in code\n```");
    const dup = repo.comments.find((c) => c.issue_number === 3);
    expect(stripRestoreDecorations(dup?.body)).toBe("Duplicate of #4");
    expect(result.results.find((r) => r.name === "references")).toMatchObject({
      status: "succeeded",
      records: 1,
    }); // only #1 came before #3
  });
});

describe("the content budget", () => {
  it("allows what the estimate paces, and a run as long as the estimate uses nearly all of it", () => {
    for (const n of [1, 60, 500, 501, 1000, 4700, 12_345]) {
      const seconds = estimateSeconds(n);
      expect(budgetCapacity(seconds)).toBeGreaterThanOrEqual(n);
      // The scheduler counts each window 1.2 s longer than GitHub: that is all it leaves unused.
      expect(budgetCapacity(seconds)).toBeLessThanOrEqual(n + 2 * Math.ceil(n / 500));
    }
    expect(budgetCapacity(0)).toBe(1);
    expect(budgetCapacity(499)).toBe(500);
    expect(budgetCapacity(3600)).toBe(501);
    expect(budgetCapacity(2 * 3600 + 10)).toBe(1011);
  });
});
