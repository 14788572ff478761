import { describe, expect, it } from "vitest";
import { runJobs } from "../../src/orchestrator/run-jobs.js";
import type { JobSpec } from "../../src/orchestrator/types.js";
import { EventLog, manualJob } from "./helpers.js";

describe("runJobs concurrency", () => {
  it("never runs more jobs at once than the bound, and reaches it", async () => {
    let active = 0;
    let peak = 0;
    const job = (name: string, dependsOn: string[], ticks: number): JobSpec => ({
      name,
      dependsOn,
      async run() {
        active++;
        peak = Math.max(peak, active);
        for (let i = 0; i < ticks; i++) await Promise.resolve();
        active--;
        return { records: 1 };
      },
    });
    const run = await runJobs(
      [
        job("a", [], 5),
        job("b", [], 1),
        job("c", ["a"], 3),
        job("d", [], 8),
        job("e", ["b", "c"], 2),
        job("f", [], 1),
        job("g", ["f"], 4),
        job("h", [], 2),
      ],
      { concurrency: 3 },
    );
    expect(run.succeeded).toBe(true);
    expect(peak).toBe(3);
  });

  it("starts the next job when a slot frees", async () => {
    const log = new EventLog();
    const jobs = ["a", "b", "c"].map((name) => manualJob(name));
    const running = runJobs(
      jobs.map((j) => j.spec),
      { concurrency: 2, onEvent: log.listener },
    );
    await Promise.all([jobs[0]!.started, jobs[1]!.started]);
    expect(log.has("started", "c")).toBe(false);
    jobs[1]!.succeed();
    await jobs[2]!.started;
    jobs[0]!.succeed();
    jobs[2]!.succeed();
    expect((await running).succeeded).toBe(true);
  });

  it("starts the longest chain first under concurrency 1, ties in declaration order", async () => {
    const log = new EventLog();
    const job = (name: string, dependsOn: string[] = []): JobSpec => ({
      name,
      dependsOn,
      run: async () => ({ records: 0 }),
    });
    await runJobs(
      [job("labels"), job("issues"), job("sub_issues", ["issues"]), job("report", ["sub_issues"])],
      {
        concurrency: 1,
        onEvent: log.listener,
      },
    );
    expect(log.events.filter((e) => e.type === "started").map((e) => e.job)).toEqual([
      "issues",
      "sub_issues",
      "labels",
      "report",
    ]);
  });
});
