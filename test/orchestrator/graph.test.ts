import { describe, expect, it } from "vitest";
import { JobGraphError } from "../../src/orchestrator/errors.js";
import { buildJobGraph } from "../../src/orchestrator/graph.js";
import type { JobSpec } from "../../src/orchestrator/types.js";
import { ok } from "./helpers.js";

const job = (name: string, dependsOn: string[] = []): JobSpec => ({ name, dependsOn, run: ok() });

function graphError(jobs: JobSpec[]): JobGraphError {
  try {
    buildJobGraph(jobs);
  } catch (error) {
    if (error instanceof JobGraphError) return error;
    throw error;
  }
  throw new Error("expected a JobGraphError");
}

describe("buildJobGraph", () => {
  it("exposes dependencies and dependents in declaration order", () => {
    const graph = buildJobGraph([
      job("labels"),
      job("issues"),
      job("sub_issues", ["issues"]),
      job("comments", ["issues", "issues"]),
    ]);
    expect(graph.jobs.map((j) => j.name)).toEqual(["labels", "issues", "sub_issues", "comments"]);
    expect(graph.dependencies("comments")).toEqual(["issues"]);
    expect(graph.dependents("issues")).toEqual(["sub_issues", "comments"]);
    expect(graph.dependents("labels")).toEqual([]);
    expect(graph.indexOf("sub_issues")).toBe(2);
    expect(graph.job("labels").name).toBe("labels");
  });

  it("gives each job the length of the longest chain of dependents below it", () => {
    const graph = buildJobGraph([job("a"), job("b", ["a"]), job("c", ["b"]), job("d", ["a"]), job("e")]);
    expect(["a", "b", "c", "d", "e"].map((n) => graph.priority(n))).toEqual([2, 1, 0, 0, 0]);
    expect(graph.downstream("a")).toEqual(["b", "c", "d"]);
    expect(graph.downstream("c")).toEqual([]);
  });

  it("rejects an unknown dependency, naming both jobs", () => {
    const error = graphError([job("issues"), job("sub_issues", ["issuez"])]);
    expect(error.message).toBe('job "sub_issues" depends on unknown job "issuez"');
  });

  it("rejects duplicate names", () => {
    const error = graphError([job("labels"), job("issues"), job("labels")]);
    expect(error.message).toBe('duplicate job name "labels"');
  });

  it("reports every problem at once", () => {
    const error = graphError([job("a", ["x"]), job("a"), job("b", ["y"])]);
    expect(error.problems).toEqual([
      'duplicate job name "a"',
      'job "a" depends on unknown job "x"',
      'job "b" depends on unknown job "y"',
    ]);
  });

  it("rejects a cycle, spelling it out", () => {
    const error = graphError([job("start"), job("a", ["b"]), job("b", ["c"]), job("c", ["a", "start"])]);
    expect(error.message).toBe("dependency cycle: a → b → c → a");
  });

  it("rejects a job depending on itself", () => {
    expect(graphError([job("a", ["a"])]).message).toBe("dependency cycle: a → a");
  });

  it("rejects invalid per-job settings, naming the job", () => {
    const error = graphError([{ ...job("issues"), retries: -1, timeoutMs: 0 }]);
    expect(error.problems).toEqual([
      'job "issues": timeoutMs must be a positive number, got 0',
      'job "issues": retries must be a non-negative integer, got -1',
    ]);
  });

  it("throws for a lookup of an unknown job", () => {
    const graph = buildJobGraph([job("a")]);
    expect(() => graph.priority("nope")).toThrow('unknown job "nope"');
  });
});
