import { describe, expect, it } from "vitest";
import { JobGraphError } from "../../src/orchestrator/errors.js";
import { runJobs } from "../../src/orchestrator/run-jobs.js";
import type { OrchestratorEvent } from "../../src/orchestrator/types.js";
import { ok } from "./helpers.js";

describe("runJobs events", () => {
  it("delivers every event, typed, to onEvent", async () => {
    const seen: string[] = [];
    const all: string[] = [];
    const onEvent = (event: OrchestratorEvent) => {
      all.push(event.type);
      if (event.type === "succeeded") seen.push(`${event.job}:${event.records}`);
    };
    const run = await runJobs(
      [
        { name: "labels", run: ok(2) },
        { name: "issues", run: ok(5) },
      ],
      { onEvent },
    );
    expect(run.succeeded).toBe(true);
    expect(seen).toEqual(["labels:2", "issues:5"]);
    expect(all).toContain("queued");
  });

  it("validates the jobs before running any", async () => {
    await expect(runJobs([{ name: "a", dependsOn: ["a"], run: ok() }])).rejects.toThrow(JobGraphError);
  });
});
