// Pacing: with the fake's content-creation limit set low, a restore that
// ignores it gets secondary-limit answers, waits as told and still finishes
// without a failure; a restore told the limit waits for its budget instead.
import { afterAll, describe, expect, it } from "vitest";
import { startFakeGitHub } from "../../fake-github/index.js";
import { markerOf } from "../../src/restore/bodies.js";
import {
  makeEveryoneAssignable,
  plainIssues,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
} from "./support/setup.js";

afterAll(removeTempDirs);

describe("content-creation pacing", () => {
  it("completes with retries, but no failure, when the server's limit is hit", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 8 });
    try {
      makeEveryoneAssignable(fake.store);
      const dir = await saveBackup(fake);
      fake.configure({ secondary: { contentPerMinute: 5, windowMs: 500, retryAfterSeconds: 0.05 } });
      const result = await restore(
        restoreRequest(fake, dir, "paced", {
          importApi: "never",
          client: {
            maxRetries: 50,
            schedulerOptions: { backoff: { baseMs: 1, capMs: 5 }, rateLimitResetMarginMs: 0 },
          },
        }),
      );
      expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(result.requests.secondaryLimitHits).toBeGreaterThan(0);
      expect(fake.stats.byStatus["403"] ?? 0).toBeGreaterThan(0);
      const target = repoOf(fake, "paced");
      const markers = plainIssues(target).map((i) => markerOf(i.body, "issue"));
      expect(new Set(markers).size).toBe(plainIssues(repoOf(fake, "sample")).length);
    } finally {
      await fake.close();
    }
  });

  it("paces itself when the scheduler is told the limit", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 8 });
    try {
      makeEveryoneAssignable(fake.store);
      const dir = await saveBackup(fake);
      fake.configure({ secondary: { contentPerMinute: 5, windowMs: 300 } });
      const result = await restore(
        restoreRequest(fake, dir, "self-paced", {
          importApi: "never",
          contentLimits: { contentPerMinute: 5, windowMs: 300, minWriteIntervalMs: 0 },
        }),
      );
      expect(result.exitCode).toBe(0);
      // Requests waited for the content budget instead of being sent into the limit.
      expect(result.requests.budgetDelays).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  });
});
