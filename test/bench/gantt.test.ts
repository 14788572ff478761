import { describe, expect, it } from "vitest";
import { column, renderGantt } from "../../bench/gantt.js";
import type { JobSpan } from "../../bench/spans.js";

function span(
  job: string,
  start: number | null,
  end: number | null,
  status: JobSpan["status"] = "succeeded",
): JobSpan {
  return { job, start, end, status, attempts: start === null ? 0 : 1, records: null, error: null };
}

describe("column", () => {
  it("maps an instant onto the axis and clamps it", () => {
    expect(column(1000, 1000, 2000, 10)).toBe(0);
    expect(column(1500, 1000, 2000, 10)).toBe(5);
    expect(column(2000, 1000, 2000, 10)).toBe(9);
    expect(column(500, 1000, 2000, 10)).toBe(0);
    expect(column(9000, 1000, 2000, 10)).toBe(9);
  });
});

describe("renderGantt", () => {
  it("draws one bar per job on a shared axis, with its times", () => {
    const text = renderGantt(
      [
        span("labels", 1000, 1200),
        span("issues", 1000, 3000),
        span("sub_issues", 3000, 3000, "skipped"),
        span("never", null, null, "skipped"),
        span("broken", 1500, 2000, "failed"),
      ],
      { origin: 1000, end: 3000, width: 20 },
    );
    expect(text.split("\n")).toEqual([
      "           |0s             2.00s|",
      "labels     |###                 | 0.00–0.20 s",
      "issues     |####################| 0.00–2.00 s",
      "sub_issues |                    | 2.00–2.00 s skipped",
      "never      |                    | skipped",
      "broken     |     xxxxxx         | 0.50–1.00 s failed",
    ]);
  });

  it("draws a job still running up to the end of the axis", () => {
    const text = renderGantt([span("git_repo", 1000, null, "running")], { origin: 0, end: 2000, width: 10 });
    expect(text.split("\n")[1]).toBe("git_repo |     ?????| 1.00–2.00 s running");
  });
});
