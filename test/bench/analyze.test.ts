import { describe, expect, it } from "vitest";
import { analyzeDataset, checkTargets, earlyJobs, medianRun } from "../../bench/analyze.js";
import type { RepoFacts } from "../../bench/floor.js";
import { type RunRecord, splitRequests } from "../../bench/measure-run.js";
import { interleave, markdownGrid, markdownTable } from "../../bench/report.js";

const facts: RepoFacts = {
  labels: 30,
  milestones: 15,
  issues: 1000,
  pulls: 300,
  conversationComments: 4000,
  reviewComments: 900,
  reviews: 600,
  releases: 10,
  assets: 20,
  subIssueChildren: [3],
  reviewsPerPull: [2],
  commentsPerItem: [4],
  maxLabelsPerItem: 3,
  maxAssigneesPerItem: 2,
  eventsPerItem: [5],
  protectedBranches: 1,
  rulesets: 2,
  collaborators: 4,
  teams: 2,
  webhooks: 1,
  advisories: 1,
  reactionsPerSubject: [],
  discussionsEnabled: false,
  discussionCategories: 0,
  discussions: 0,
  commentsPerDiscussion: [],
  repliesPerComment: [],
  maxLabelsPerDiscussion: 0,
};

function run(
  side: "A" | "B",
  wallMs: number,
  api: number,
  rss: number,
  early: Record<string, number> = {},
): RunRecord {
  const origin = 1_000_000;
  const spans = Object.entries({ issues: wallMs - 100, ...early }).map(([job, end]) => ({
    job,
    start: origin + 500,
    end: origin + end,
    status: "succeeded" as const,
    attempts: 1,
    records: 1,
    error: null,
  }));
  return {
    side,
    dataset: "medium",
    origin,
    wallMs,
    exitCode: 0,
    ok: true,
    failures: [],
    maxRssBytes: rss * 2 ** 20,
    memoryPeak: null,
    cpuMs: 1000,
    nodeCpuMs: 900,
    stdout: "",
    serverCpuMs: 500,
    requests: {
      api,
      git: 3,
      storage: 20,
      byRoute: { "POST /graphql": api },
      byStatus: { "200": api },
      limited: 0,
      peakInFlight: 10,
    },
    server: {
      timings: {},
      firstArrival: origin + 400,
      lastFinish: origin + wallMs - 50,
      busyMs: 1000,
      meanMs: 100,
    },
    spans,
    notes: [],
  };
}

describe("analyzeDataset", () => {
  const early = { labels: 1000, milestones: 1200, releases: 1500 };
  const figures = analyzeDataset({
    dataset: "medium",
    facts,
    a: [run("A", 4000, 130, 160, early), run("A", 5000, 130, 170, early), run("A", 4500, 130, 165, early)],
    b: [run("B", 30_000, 400, 150), run("B", 32_000, 400, 150), run("B", 27_000, 400, 150)],
    latencyMs: 300,
  });

  it("reports the speed-up T_B / T_A of each pair", () => {
    expect(figures.pairs.map((p) => p.speedup)).toEqual([7.5, 6.4, 6]);
    expect(figures.speedup).toEqual({ median: 6.4, min: 6, max: 7.5, n: 3 });
  });

  it("relates requests and time to the floor", () => {
    // 89 for the types before issue_events, + 13 timeline pages + 9 settings requests
    expect(figures.rMin.total).toBe(111);
    const first = figures.a.runs[0];
    expect(first?.rOverRmin).toBeCloseTo(130 / 111);
    // T_min = max(K = 3, R / C = 130 / 100) × 300 ms = 900 ms: C is GitHub's 100, not a client setting
    expect(first?.tMin.ms).toBe(900);
    expect(first?.tMin.boundBy).toBe("chain");
    expect(first?.tOverTmin).toBeCloseTo(4000 / 900);
    expect(first?.firstRequestMs).toBe(400);
    expect(figures.a.maxRssBytes).toBe(170 * 2 ** 20);
  });

  it("reads the small jobs' finish from the median A run", () => {
    expect(figures.early).toEqual([
      { job: "labels", finishedAtMs: 1000, beforeIssuesDone: true },
      { job: "milestones", finishedAtMs: 1200, beforeIssuesDone: true },
      { job: "releases", finishedAtMs: 1500, beforeIssuesDone: true },
    ]);
  });

  it("checks the issue's targets without relaxing them", () => {
    const large = analyzeDataset({
      dataset: "large",
      facts,
      a: [run("A", 20_000, 900, 300, { labels: 1000, milestones: 1000, releases: 25_000 })],
      b: [],
      latencyMs: 300,
    });
    const checks = checkTargets([figures, large]);
    const byTarget = Object.fromEntries(checks.map((c) => [c.target, c]));
    expect(byTarget["medium at 300 ms: A ≥ 3× faster than B (median T_B/T_A)"]?.met).toBe(true);
    expect(byTarget["medium at 300 ms: T / T_min ≤ 3 (A, median)"]).toMatchObject({
      met: false,
      value: "5.00",
    });
    expect(byTarget["medium: R / R_min ≤ 1.1 (A, median)"]?.met).toBe(false);
    expect(byTarget["medium: CPU ≤ 0.6 s (A, median, git included)"]).toMatchObject({
      met: false,
      value: "1.00 s",
    });
    expect(byTarget["large: CPU ≤ 6 s (A, median, git included)"]?.met).toBe(true);
    expect(byTarget["large: peak RSS of A < 200 MB"]).toMatchObject({ met: false, gap: "100 MB over" });
    expect(byTarget["large: peak RSS ≤ 1.2 × medium's"]?.met).toBe(false);
    expect(
      byTarget["no secondary-limit answer (403/429) in any A run, the sustained run included"]?.met,
    ).toBe(true);
    expect(byTarget["medium: labels, milestones, releases done within 5 s, before issues"]?.met).toBe(true);
    expect(byTarget["large: labels, milestones, releases done within 5 s, before issues"]).toMatchObject({
      met: false,
      gap: "releases",
    });
  });

  it("renders a Markdown row per dataset", () => {
    const table = markdownTable([figures]).split("\n");
    expect(table).toHaveLength(3);
    const cells = (line: string | undefined) => (line ?? "").split("|").map((c) => c.trim());
    expect(cells(table[2]).slice(1, 13)).toEqual([
      "medium",
      "300 ms",
      "4.50 s",
      "30.00 s",
      "6.40×",
      "130",
      "111",
      "1.17",
      "0.90 s",
      "5.00",
      "1.00 s",
      "1.00 s",
    ]);
    // Columns padded and right-aligned as the formatter lays Markdown tables out.
    expect(table[1]?.startsWith("| ------- | -----: |")).toBe(true);
    expect(new Set(table.map((line) => line.length)).size).toBe(1);
  });
});

describe("helpers", () => {
  it("picks the median run by wall time", () => {
    expect(medianRun([{ wallMs: 3 }, { wallMs: 1 }, { wallMs: 2 }])?.wallMs).toBe(2);
    expect(medianRun([{ wallMs: 3 }, { wallMs: 1 }])?.wallMs).toBe(1);
    expect(earlyJobs(undefined).every((e) => e.finishedAtMs === null)).toBe(true);
  });

  it("pads Markdown columns to their widest cell", () => {
    expect(markdownGrid(["a", "bb"], ["left", "right"], [["xxxx", "1"]]).split("\n")).toEqual([
      "| a    |  bb |",
      "| ---- | --: |",
      "| xxxx |   1 |",
    ]);
  });

  it("keeps A B A B order", () => {
    expect(interleave(["a1", "a2"], ["b1"])).toEqual(["a1", "b1", "a2"]);
  });

  it("separates API requests from git, storage and web-host traffic", () => {
    expect(
      splitRequests({
        "GET /repos/{owner}/{repo}/labels": 1,
        "POST /graphql": 2,
        "GET /{owner}/{repo}.git/info/refs": 1,
        "POST /{owner}/{repo}.git/git-upload-pack": 2,
        "GET /_storage/assets/{asset_id}": 5,
        "GET /{owner}/{repo}.wiki.git/info/refs": 1,
        "POST /{owner}/{repo}.git/info/lfs/objects/batch": 1,
        "GET /_lfs/objects/{owner}/{repo}/{oid}": 2,
        "POST /_lfs/verify/{owner}/{repo}": 1,
        "GET /user-attachments/assets/{id}": 3,
        "GET /user-attachments/files/{id}/{name}": 1,
        "GET /{owner}/{repo}/files/{id}/{name}": 1,
        "GET /_storage/attachments/{key}": 2,
      }),
    ).toEqual({
      api: 3,
      git: 5,
      storage: 15,
      byRoute: { "GET /repos/{owner}/{repo}/labels": 1, "POST /graphql": 2 },
    });
  });
});
