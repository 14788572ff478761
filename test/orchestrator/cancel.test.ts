import { afterEach, describe, expect, it, vi } from "vitest";
import { runJobs } from "../../src/orchestrator/run-jobs.js";
import type { JobSpec } from "../../src/orchestrator/types.js";
import { EventLog, manualJob, ok } from "./helpers.js";

describe("runJobs cancellation", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts running jobs with the run's reason, cancels pending ones and resolves", async () => {
    const log = new EventLog();
    const controller = new AbortController();
    const labels: JobSpec = { name: "labels", run: ok(3) };
    const issues = manualJob("issues"); // ignores its signal
    const subIssues = manualJob("sub_issues", ["issues"]);
    const pulls: JobSpec = {
      name: "pull_requests",
      run: (ctx) =>
        new Promise((_, reject) => {
          ctx.signal.addEventListener("abort", () => reject(ctx.signal.reason));
        }),
    };
    const running = runJobs([labels, issues.spec, subIssues.spec, pulls], {
      signal: controller.signal,
      onEvent: log.listener,
    });

    await log.waitFor("succeeded", "labels");
    const ctx = await issues.started;
    const reason = new Error("interrupted");
    controller.abort(reason);
    expect(ctx.signal.aborted).toBe(true);
    expect(ctx.signal.reason).toBe(reason);

    const run = await running;
    expect(run.cancelled).toBe(true);
    expect(run.succeeded).toBe(false);
    expect(run.results.map((r) => [r.name, r.status, r.error, r.attempts])).toEqual([
      ["labels", "succeeded", null, 1],
      ["issues", "cancelled", "run cancelled", 1],
      ["sub_issues", "cancelled", "run cancelled", 0],
      ["pull_requests", "cancelled", "run cancelled", 1],
    ]);
    expect(log.events.filter((e) => e.type === "cancelled").map((e) => e.job)).toEqual([
      "sub_issues",
      "issues",
      "pull_requests",
    ]);
    expect(log.has("started", "sub_issues")).toBe(false);
    issues.succeed(1); // too late: the result stands
    expect(run.results[1]?.status).toBe("cancelled");
  });

  it("cancels jobs waiting for a concurrency slot", async () => {
    const controller = new AbortController();
    const a = manualJob("a");
    const b = manualJob("b");
    const running = runJobs([a.spec, b.spec], { concurrency: 1, signal: controller.signal });
    await a.started;
    controller.abort();
    const run = await running;
    expect(run.results.map((r) => [r.status, r.attempts])).toEqual([
      ["cancelled", 1],
      ["cancelled", 0],
    ]);
    expect(b.ctx).toBeUndefined();
  });

  it("starts nothing when the signal is already aborted", async () => {
    const log = new EventLog();
    const run = await runJobs(
      [
        { name: "a", run: ok() },
        { name: "b", dependsOn: ["a"], run: ok() },
      ],
      {
        signal: AbortSignal.abort(),
        onEvent: log.listener,
      },
    );
    expect(run).toMatchObject({ cancelled: true, succeeded: false });
    expect(run.results.map((r) => r.status)).toEqual(["cancelled", "cancelled"]);
    expect(log.trace()).toEqual(["cancelled:a", "cancelled:b"]);
  });

  it("cancels a job waiting to retry", async () => {
    vi.useFakeTimers();
    const log = new EventLog();
    const controller = new AbortController();
    const running = runJobs(
      [
        {
          name: "issues",
          retries: 3,
          retryDelayMs: 1000,
          async run() {
            throw new Error("HTTP 500");
          },
        },
      ],
      { signal: controller.signal, onEvent: log.listener },
    );
    await log.waitFor("retrying", "issues");
    await vi.advanceTimersByTimeAsync(500);
    controller.abort();
    const run = await running;
    expect(run.cancelled).toBe(true);
    expect(run.results[0]).toMatchObject({ status: "cancelled", attempts: 1, error: "run cancelled" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("does not count an abort after the run finished", async () => {
    const controller = new AbortController();
    const run = await runJobs([{ name: "a", run: ok(1) }], { signal: controller.signal });
    controller.abort();
    expect(run).toMatchObject({ cancelled: false, succeeded: true });
  });
});
