import { describe, expect, it } from "vitest";
import { runJobs } from "../../src/orchestrator/run-jobs.js";
import type { JobSpec } from "../../src/orchestrator/types.js";
import { EventLog, manualJob, ok } from "./helpers.js";

describe("runJobs failure isolation", () => {
  it("skips direct and transitive dependents, naming the failed dependency, and runs the rest", async () => {
    const log = new EventLog();
    const jobs: JobSpec[] = [
      {
        name: "issues",
        async run() {
          throw new Error("HTTP 502");
        },
      },
      { name: "labels", run: ok(4) },
      { name: "sub_issues", dependsOn: ["issues"], run: ok() },
      { name: "issue_comments", dependsOn: ["issues"], run: ok() },
      { name: "report", dependsOn: ["sub_issues", "labels"], run: ok() },
    ];
    const run = await runJobs(jobs, { onEvent: log.listener });

    expect(run.succeeded).toBe(false);
    expect(run.cancelled).toBe(false);
    expect(run.results.map((r) => [r.name, r.status, r.error])).toEqual([
      ["issues", "failed", "HTTP 502"],
      ["labels", "succeeded", null],
      ["sub_issues", "skipped", 'dependency "issues" failed'],
      ["issue_comments", "skipped", 'dependency "issues" failed'],
      ["report", "skipped", 'dependency "issues" failed'],
    ]);
    const skipped = run.results.find((r) => r.name === "report");
    expect(skipped).toMatchObject({
      attempts: 0,
      startedAt: null,
      finishedAt: null,
      durationMs: 0,
      output: null,
    });
    expect(log.events.filter((e) => e.type === "skipped")).toEqual([
      { type: "skipped", job: "sub_issues", reason: 'dependency "issues" failed', at: expect.any(Date) },
      { type: "skipped", job: "issue_comments", reason: 'dependency "issues" failed', at: expect.any(Date) },
      { type: "skipped", job: "report", reason: 'dependency "issues" failed', at: expect.any(Date) },
    ]);
  });

  it("keeps the first reason when a job has two failed dependencies", async () => {
    const a = manualJob("a");
    const b = manualJob("b");
    const running = runJobs([a.spec, b.spec, { name: "c", dependsOn: ["a", "b"], run: ok() }]);
    await Promise.all([a.started, b.started]);
    b.fail(new Error("b broke"));
    a.fail("a broke");
    const run = await running;
    expect(run.results.map((r) => [r.status, r.error])).toEqual([
      ["failed", "a broke"],
      ["failed", "b broke"],
      ["skipped", 'dependency "b" failed'],
    ]);
  });

  it("turns a synchronous throw into a failure", async () => {
    const run = await runJobs([
      {
        name: "a",
        run() {
          throw new TypeError("not a function");
        },
      },
    ]);
    expect(run.results[0]).toMatchObject({ status: "failed", error: "not a function", attempts: 1 });
  });
});
