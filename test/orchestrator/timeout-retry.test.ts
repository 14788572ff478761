import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { isRetryable, JobTimeoutError, NonRetryableError } from "../../src/orchestrator/errors.js";
import { runJobs } from "../../src/orchestrator/run-jobs.js";
import type { JobContext, JobOutput } from "../../src/orchestrator/types.js";
import { EventLog, manualJob, ok } from "./helpers.js";

describe("runJobs timeouts", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2025-01-01T00:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fails an attempt that outlives its timeout even if the job ignores its signal", async () => {
    const log = new EventLog();
    let ctx: JobContext | undefined;
    const running = runJobs(
      [
        {
          name: "issues",
          timeoutMs: 1000,
          run(context) {
            ctx = context;
            return new Promise(() => {}); // never settles, never looks at the signal
          },
        },
        { name: "labels", run: ok(2) },
      ],
      { onEvent: log.listener },
    );

    await vi.advanceTimersByTimeAsync(999);
    expect(ctx?.signal.aborted).toBe(false);
    expect(log.has("failed", "issues")).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    const run = await running;
    expect(ctx?.signal.aborted).toBe(true);
    expect(ctx?.signal.reason).toBeInstanceOf(JobTimeoutError);
    expect(run.results[0]).toMatchObject({
      status: "failed",
      error: "timed out after 1000 ms",
      attempts: 1,
      durationMs: 1000,
    });
    expect(run.results[1]?.status).toBe("succeeded");
    expect(log.events.find((e) => e.type === "failed")).toMatchObject({
      job: "issues",
      error: "timed out after 1000 ms",
      durationMs: 1000,
    });
  });

  it("takes the timeout from the run defaults unless the job sets its own, and ignores late progress", async () => {
    const log = new EventLog();
    const short = manualJob("short");
    const long = manualJob("long", [], { timeoutMs: 5000 });
    const running = runJobs([short.spec, long.spec], { defaults: { timeoutMs: 100 }, onEvent: log.listener });

    await vi.advanceTimersByTimeAsync(100);
    expect(log.has("failed", "short")).toBe(true);
    short.ctx?.progress({ items: 1 }); // the abandoned attempt keeps talking
    long.ctx?.progress({ items: 2 });
    long.succeed(2);
    const run = await running;

    expect(run.results.map((r) => [r.name, r.status])).toEqual([
      ["short", "failed"],
      ["long", "succeeded"],
    ]);
    expect(log.events.filter((e) => e.type === "progress").map((e) => e.job)).toEqual(["long"]);
  });

  it("retries after a timeout, with delays doubling from retryDelayMs", async () => {
    const log = new EventLog();
    const attempts: number[] = [];
    const running = runJobs(
      [
        {
          name: "issues",
          timeoutMs: 50,
          retries: 2,
          retryDelayMs: 10,
          run(ctx) {
            attempts.push(ctx.attempt);
            return ctx.attempt < 3 ? new Promise<JobOutput>(() => {}) : Promise.resolve({ records: 9 });
          },
        },
      ],
      { onEvent: log.listener },
    );

    await vi.advanceTimersByTimeAsync(50); // attempt 1 times out
    await vi.advanceTimersByTimeAsync(9);
    expect(attempts).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1); // delay 10 elapsed
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(50 + 19);
    expect(attempts).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(1); // delay 20 elapsed
    const run = await running;

    expect(attempts).toEqual([1, 2, 3]);
    expect(run.results[0]).toMatchObject({ status: "succeeded", attempts: 3, records: 9, durationMs: 130 });
    expect(log.events.filter((e) => e.type === "retrying")).toEqual([
      {
        type: "retrying",
        job: "issues",
        attempt: 2,
        error: "timed out after 50 ms",
        delayMs: 10,
        at: expect.any(Date),
      },
      {
        type: "retrying",
        job: "issues",
        attempt: 3,
        error: "timed out after 50 ms",
        delayMs: 20,
        at: expect.any(Date),
      },
    ]);
  });
});

describe("runJobs retries", () => {
  it("retries a failing job: fails twice then succeeds in three attempts", async () => {
    const log = new EventLog();
    const seen: number[] = [];
    const run = await runJobs(
      [
        {
          name: "issues",
          retries: 3,
          async run(ctx) {
            seen.push(ctx.attempt);
            if (ctx.attempt < 3) throw new Error(`HTTP 502 (attempt ${ctx.attempt})`);
            return { records: 5 };
          },
        },
      ],
      { onEvent: log.listener },
    );
    expect(seen).toEqual([1, 2, 3]);
    expect(run.results[0]).toMatchObject({ status: "succeeded", attempts: 3, records: 5, error: null });
    expect(log.trace()).toEqual([
      "started:issues",
      "retrying:issues",
      "started:issues",
      "retrying:issues",
      "started:issues",
      "succeeded:issues",
    ]);
    expect(log.events.filter((e) => e.type === "retrying").map((e) => "error" in e && e.error)).toEqual([
      "HTTP 502 (attempt 1)",
      "HTTP 502 (attempt 2)",
    ]);
  });

  it("fails with the last error once retries (from the defaults) run out", async () => {
    const run = await runJobs(
      [
        {
          name: "issues",
          async run(ctx) {
            throw new Error(`boom ${ctx.attempt}`);
          },
        },
      ],
      { defaults: { retries: 2 } },
    );
    expect(run.results[0]).toMatchObject({ status: "failed", attempts: 3, error: "boom 3" });
  });

  it("does not retry an error marked not retryable", async () => {
    const log = new EventLog();
    const notFound = Object.assign(new Error("HTTP 404"), { retryable: false });
    const run = await runJobs(
      [
        {
          name: "a",
          retries: 5,
          async run() {
            throw new NonRetryableError("bad selection");
          },
        },
        {
          name: "b",
          retries: 5,
          async run() {
            throw notFound;
          },
        },
      ],
      { onEvent: log.listener },
    );
    expect(run.results.map((r) => [r.status, r.attempts, r.error])).toEqual([
      ["failed", 1, "bad selection"],
      ["failed", 1, "HTTP 404"],
    ]);
    expect(log.events.some((e) => e.type === "retrying")).toBe(false);
  });

  it("isRetryable is false only for errors saying so", () => {
    expect(isRetryable(new NonRetryableError("x"))).toBe(false);
    expect(isRetryable({ retryable: false })).toBe(false);
    expect(isRetryable(new Error("x"))).toBe(true);
    expect(isRetryable({ retryable: true })).toBe(true);
    expect(isRetryable("text")).toBe(true);
    expect(isRetryable(null)).toBe(true);
  });
});
