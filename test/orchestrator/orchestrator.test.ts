import { describe, expect, it } from "vitest";
import { JobGraphError, Orchestrator } from "../../src/orchestrator/index.js";
import { ok } from "./helpers.js";

describe("Orchestrator", () => {
  it("delivers typed events to listeners of that type and runs once", async () => {
    const seen: string[] = [];
    const all: string[] = [];
    const orchestrator = new Orchestrator(
      [
        { name: "labels", run: ok(2) },
        { name: "issues", run: ok(5) },
      ],
      { onEvent: (event) => all.push(event.type) },
    );
    orchestrator.on("succeeded", (event) => seen.push(`${event.job}:${event.records}`));
    const stop = orchestrator.on("started", (event) => seen.push(`started ${event.job} #${event.attempt}`));
    stop();

    const first = orchestrator.run();
    expect(orchestrator.run()).toBe(first);
    const run = await first;
    expect(run.succeeded).toBe(true);
    expect(seen).toEqual(["labels:2", "issues:5"]);
    expect(all).toContain("queued");
    expect(orchestrator.graph.priority("labels")).toBe(0);
  });

  it("validates the jobs on construction", () => {
    expect(() => new Orchestrator([{ name: "a", dependsOn: ["a"], run: ok() }])).toThrow(JobGraphError);
  });
});
