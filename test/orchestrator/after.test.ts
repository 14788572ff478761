// `after`: a job that waits for others whatever their outcome, and is told
// which did not succeed.
import { describe, expect, it } from "vitest";
import { buildJobGraph } from "../../src/orchestrator/graph.js";
import { runJobs } from "../../src/orchestrator/run-jobs.js";
import type { JobContext, JobSpec, JobStatus } from "../../src/orchestrator/types.js";
import { manualJob, ok } from "./helpers.js";

/** A job that records what it was told of its `after` jobs. */
function follower(
  name: string,
  after: string[],
  seen: Array<Map<string, JobStatus>>,
  dependsOn: string[] = [],
) {
  return {
    name,
    after,
    dependsOn,
    async run(ctx: JobContext) {
      seen.push(new Map(ctx.unmet));
      return { records: 1 };
    },
  } satisfies JobSpec;
}

describe("runJobs with `after`", () => {
  it("runs a job after a failed job and after one skipped for it, naming both", async () => {
    const seen: Array<Map<string, JobStatus>> = [];
    const jobs: JobSpec[] = [
      {
        name: "pr_reviews",
        async run() {
          throw new Error("HTTP 502");
        },
      },
      { name: "issues", run: ok(3) },
      { name: "reviews_child", dependsOn: ["pr_reviews"], run: ok() },
      follower("reactions", ["pr_reviews", "issues", "reviews_child"], seen),
    ];
    const run = await runJobs(jobs);
    expect(run.results.map((r) => [r.name, r.status])).toEqual([
      ["pr_reviews", "failed"],
      ["issues", "succeeded"],
      ["reviews_child", "skipped"],
      ["reactions", "succeeded"],
    ]);
    expect(seen).toEqual([
      new Map<string, JobStatus>([
        ["pr_reviews", "failed"],
        ["reviews_child", "skipped"],
      ]),
    ]);
  });

  it("waits until every job of `after` has ended, and is told of none when all succeeded", async () => {
    const a = manualJob("a");
    const b = manualJob("b");
    const seen: Array<Map<string, JobStatus>> = [];
    const running = runJobs([a.spec, b.spec, follower("c", ["a", "b"], seen)]);
    await Promise.all([a.started, b.started]);
    a.succeed();
    // c has not started while b runs: b settles only now.
    await Promise.resolve();
    expect(seen).toEqual([]);
    b.succeed();
    const run = await running;
    expect(run.succeeded).toBe(true);
    expect(seen).toEqual([new Map()]);
  });

  it("is still skipped when a hard dependency fails", async () => {
    const seen: Array<Map<string, JobStatus>> = [];
    const run = await runJobs([
      {
        name: "a",
        async run() {
          throw new Error("boom");
        },
      },
      { name: "b", run: ok() },
      follower("c", ["b"], seen, ["a"]),
    ]);
    expect(run.results.map((r) => [r.name, r.status, r.error])).toEqual([
      ["a", "failed", "boom"],
      ["b", "succeeded", null],
      ["c", "skipped", 'dependency "a" failed'],
    ]);
    expect(seen).toEqual([]);
  });

  it("rejects an unknown job in `after` and a cycle through it", () => {
    expect(() => buildJobGraph([{ name: "a", after: ["x"], run: ok() }])).toThrow(
      'job "a" runs after unknown job "x"',
    );
    expect(() =>
      buildJobGraph([
        { name: "a", after: ["b"], run: ok() },
        { name: "b", dependsOn: ["a"], run: ok() },
      ]),
    ).toThrow("dependency cycle");
  });
});
