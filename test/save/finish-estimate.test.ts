// The finish estimate shown while a save waits for an hourly reset.
import { describe, expect, it } from "vitest";
import type { RequestStats } from "../../src/github/stats.js";
import type { OrchestratorEvent } from "../../src/orchestrator/types.js";
import { FinishEstimate } from "../../src/save/finish-estimate.js";

const at = new Date(0);
const stats = (requests: number, limit: number): RequestStats => ({
  requests,
  byRoute: {},
  byStatus: {},
  retries: 0,
  rateLimitWaits: 0,
  secondaryLimitHits: 0,
  budgetDelays: 0,
  inFlight: 0,
  peakInFlight: 0,
  queued: 0,
  concurrency: 10,
  maxConcurrency: 10,
  rateLimits: { core: { limit, remaining: 0, resetAt: 0 } },
});

function halfDone(): FinishEstimate {
  const estimate = new FinishEstimate(0);
  const events: OrchestratorEvent[] = [
    { type: "queued", job: "labels", at },
    { type: "queued", job: "issues", at },
    { type: "queued", job: "releases", at },
    { type: "succeeded", job: "labels", records: 3, durationMs: 1, at },
    // Half of the issue numbers read; releases report no total yet.
    { type: "progress", job: "issues", pages: 50, total: 100, at },
  ];
  for (const event of events) estimate.observe(event);
  return estimate;
}

describe("the finish estimate during an hourly pause", () => {
  it("scales the requests so far by the jobs' progress and spends them one budget per window", () => {
    const estimate = halfDone();
    expect(estimate.fraction()).toBe(0.5);
    // 100 requests in 5 s of work (50 ms each): 100 more needed, 60 per window.
    const finish = estimate.at({ resumeAt: 10_000, resource: "core", now: 5_000, stats: stats(100, 60) });
    // One more window (an hour, until a second reset shows the real length), then 40 requests.
    expect(finish).toBe(10_000 + 3_600_000 + 40 * 50);
  });

  it("learns the window from consecutive resets, not from requests meeting the same reset", () => {
    const estimate = halfDone();
    estimate.at({ resumeAt: 10_000, resource: "core", now: 5_000, stats: stats(100, 60) });
    estimate.at({ resumeAt: 10_003, resource: "core", now: 5_001, stats: stats(100, 60) });
    // The pause from 5 s to 10 s is not working time: still 50 ms a request.
    const finish = estimate.at({ resumeAt: 70_000, resource: "core", now: 20_000, stats: stats(200, 60) });
    // 200 more at 15 s/200 = 75 ms each; windows of 60 s: three more, then 20 requests.
    expect(finish).toBe(70_000 + 3 * 60_000 + 20 * 75);
  });

  it("gives no estimate before any job has progress to go by", () => {
    const estimate = new FinishEstimate(0);
    estimate.observe({ type: "started", job: "issues", attempt: 1, at });
    expect(
      estimate.at({ resumeAt: 10_000, resource: "core", now: 5_000, stats: stats(10, 60) }),
    ).toBeUndefined();
  });
});
