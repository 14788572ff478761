import { describe, expect, it } from "vitest";
import { parseEventLines } from "../../bench/spans.js";

const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const ms = (s: number) => Date.UTC(2026, 0, 1, 0, 0, s);

describe("parseEventLines", () => {
  it("turns started/finished events into spans, keeping the first start across retries", () => {
    const text = [
      JSON.stringify({ time: t(0), level: "debug", msg: "labels queued", event: "queued", job: "labels" }),
      JSON.stringify({ time: t(1), level: "info", event: "started", job: "labels", attempt: 1 }),
      JSON.stringify({ time: t(1), level: "info", event: "started", job: "issues", attempt: 1 }),
      JSON.stringify({
        time: t(2),
        level: "warn",
        event: "retrying",
        job: "issues",
        attempt: 2,
        error: "boom",
      }),
      JSON.stringify({ time: t(3), level: "info", event: "started", job: "issues", attempt: 2 }),
      JSON.stringify({ time: t(4), level: "info", event: "succeeded", job: "labels", records: 30 }),
      JSON.stringify({ time: t(5), level: "error", event: "failed", job: "issues", error: "GraphQL broke" }),
      JSON.stringify({
        time: t(5),
        level: "info",
        event: "skipped",
        job: "sub_issues",
        reason: 'dependency "issues" failed',
      }),
      "not json at all",
      JSON.stringify({
        time: t(6),
        level: "warn",
        msg: "GitHub secondary rate limit; pausing all requests for 1000 ms",
      }),
      JSON.stringify({ time: t(6), level: "debug", msg: "Delaying a request" }),
      JSON.stringify({ time: t(7), level: "info", msg: "done", event: "summary", exitCode: 1 }),
    ].join("\n");
    const parsed = parseEventLines(text);
    expect(parsed.spans).toEqual([
      { job: "labels", start: ms(1), end: ms(4), status: "succeeded", attempts: 1, records: 30, error: null },
      {
        job: "issues",
        start: ms(1),
        end: ms(5),
        status: "failed",
        attempts: 2,
        records: null,
        error: "GraphQL broke",
      },
      {
        job: "sub_issues",
        start: null,
        end: ms(5),
        status: "skipped",
        attempts: 0,
        records: null,
        error: 'dependency "issues" failed',
      },
    ]);
    expect(parsed.notes.map((n) => n.msg)).toEqual([
      "issues retrying: boom",
      "not json at all",
      "GitHub secondary rate limit; pausing all requests for 1000 ms",
    ]);
    expect(parsed.summary?.exitCode).toBe(1);
  });

  it("leaves a job without a final event running", () => {
    const parsed = parseEventLines(JSON.stringify({ time: t(1), event: "started", job: "git_repo" }));
    expect(parsed.spans[0]?.status).toBe("running");
    expect(parsed.spans[0]?.end).toBeNull();
  });
});
