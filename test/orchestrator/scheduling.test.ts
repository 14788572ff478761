import { describe, expect, it } from "vitest";
import { runJobs } from "../../src/orchestrator/run-jobs.js";
import type { JobSpec } from "../../src/orchestrator/types.js";
import { EventLog, manualJob, ok } from "./helpers.js";

describe("runJobs scheduling", () => {
  it("runs dependencies before their dependents and returns results in declaration order", async () => {
    const order: string[] = [];
    const job = (name: string, dependsOn: string[] = []): JobSpec => ({
      name,
      dependsOn,
      async run() {
        order.push(name);
        return { records: name.length };
      },
    });
    const run = await runJobs([job("sub_issues", ["issues"]), job("issues", ["labels"]), job("labels")]);

    expect(order).toEqual(["labels", "issues", "sub_issues"]);
    expect(run.succeeded).toBe(true);
    expect(run.cancelled).toBe(false);
    expect(run.results.map((r) => [r.name, r.status, r.records, r.attempts])).toEqual([
      ["sub_issues", "succeeded", 10, 1],
      ["issues", "succeeded", 6, 1],
      ["labels", "succeeded", 6, 1],
    ]);
    const [result] = run.results;
    expect(result?.output).toEqual({ records: 10 });
    expect(result?.error).toBeNull();
    expect(result?.startedAt).toBeInstanceOf(Date);
    expect(result?.finishedAt).toBeInstanceOf(Date);
  });

  it("starts independent jobs at once: a fast job finishes while a slow one still runs", async () => {
    const log = new EventLog();
    const slow = manualJob("issues");
    const fast: JobSpec = { name: "labels", run: ok(3) };
    const running = runJobs([slow.spec, fast], { onEvent: log.listener });

    await log.waitFor("succeeded", "labels");
    expect(log.has("started", "issues")).toBe(true);
    expect(log.has("succeeded", "issues")).toBe(false);

    slow.succeed(7);
    const run = await running;
    expect(log.trace()).toEqual(["started:issues", "started:labels", "succeeded:labels", "succeeded:issues"]);
    expect(run.results.map((r) => r.records)).toEqual([7, 3]);
  });

  it("starts a dependent as soon as its dependency succeeds, while an unrelated slow job runs", async () => {
    const log = new EventLog();
    const issues = manualJob("issues");
    const subIssues = manualJob("sub_issues", ["issues"]);
    const pulls = manualJob("pull_requests");
    const running = runJobs([issues.spec, subIssues.spec, pulls.spec], { onEvent: log.listener });

    await issues.started;
    expect(log.has("started", "sub_issues")).toBe(false);
    issues.succeed(1);
    await subIssues.started;
    expect(log.has("started", "pull_requests")).toBe(true);
    expect(log.has("succeeded", "pull_requests")).toBe(false);

    subIssues.succeed(2);
    await log.waitFor("succeeded", "sub_issues");
    pulls.succeed(3);
    expect((await running).succeeded).toBe(true);
  });

  it("emits queued for every job first, then timestamped state changes", async () => {
    const log = new EventLog();
    await runJobs(
      [
        { name: "a", run: ok(1) },
        { name: "b", dependsOn: ["a"], run: ok(2) },
      ],
      {
        onEvent: log.listener,
      },
    );
    expect(log.events.slice(0, 2).map((e) => `${e.type}:${e.job}`)).toEqual(["queued:a", "queued:b"]);
    expect(log.trace()).toEqual(["started:a", "succeeded:a", "started:b", "succeeded:b"]);
    for (const event of log.events) expect(event.at).toBeInstanceOf(Date);
    expect(log.events.find((e) => e.type === "succeeded" && e.job === "b")).toMatchObject({ records: 2 });
  });

  it("forwards progress with the job name and time, and the attempt in the context", async () => {
    const log = new EventLog();
    await runJobs(
      [
        {
          name: "issues",
          async run(ctx) {
            expect(ctx.attempt).toBe(1);
            ctx.progress({ items: 100, pages: 1, total: 250 });
            ctx.progress({ items: 200, pages: 2, message: "page 2" });
            return { records: 250 };
          },
        },
      ],
      { onEvent: log.listener },
    );
    const progress = log.events.filter((e) => e.type === "progress");
    expect(progress).toEqual([
      { type: "progress", job: "issues", at: expect.any(Date), items: 100, pages: 1, total: 250 },
      { type: "progress", job: "issues", at: expect.any(Date), items: 200, pages: 2, message: "page 2" },
    ]);
  });

  it("resolves at once for an empty job list and rejects an invalid one", async () => {
    expect(await runJobs([])).toEqual({ results: [], succeeded: true, cancelled: false });
    await expect(runJobs([{ name: "a", dependsOn: ["b"], run: ok() }])).rejects.toThrow(
      'job "a" depends on unknown job "b"',
    );
    await expect(runJobs([{ name: "a", run: ok() }], { concurrency: 0 })).rejects.toThrow(RangeError);
  });

  it("survives a listener that throws, warning once", async () => {
    const warned = new Promise<Error>((resolve) => process.once("warning", resolve));
    const run = await runJobs([{ name: "a", run: ok(1) }], {
      onEvent: () => {
        throw new Error("display broke");
      },
    });
    expect(run.succeeded).toBe(true);
    expect((await warned).message).toBe("orchestrator event listener threw: display broke");
  });
});
