// A text Gantt chart of job spans: one row per job, a bar from its start to
// its finish on a common time axis that begins when the process was spawned.
import type { JobSpan } from "./spans.js";

export interface GanttOptions {
  /** Epoch ms of time zero (the process spawn). */
  origin: number;
  /** Epoch ms the axis ends at (the process exit). */
  end: number;
  /** Characters of the bar area (default 60). */
  width?: number;
}

const BAR: Record<JobSpan["status"], string> = {
  succeeded: "#",
  failed: "x",
  cancelled: "-",
  running: "?",
  skipped: " ",
};

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/** Column of an instant on an axis of `width` characters (clamped to the axis). */
export function column(at: number, origin: number, end: number, width: number): number {
  const span = Math.max(1, end - origin);
  return Math.min(width - 1, Math.max(0, Math.floor(((at - origin) / span) * width)));
}

export function renderGantt(spans: readonly JobSpan[], options: GanttOptions): string {
  const width = Math.max(10, options.width ?? 60);
  const { origin } = options;
  const end = Math.max(options.end, origin + 1);
  const nameWidth = Math.max(4, ...spans.map((s) => s.job.length));
  const lines: string[] = [];
  const axis = `${" ".repeat(nameWidth)} |0s${" ".repeat(Math.max(0, width - 2 - seconds(end - origin).length - 1))}${seconds(end - origin)}s|`;
  lines.push(axis);
  for (const span of spans) {
    const row = Array.from({ length: width }, () => " ");
    let label: string;
    if (span.start === null) {
      label = span.status;
    } else {
      const stop = span.end ?? end;
      const from = column(span.start, origin, end, width);
      const to = Math.max(from, column(stop, origin, end, width));
      for (let i = from; i <= to; i++) row[i] = BAR[span.status];
      label = `${seconds(span.start - origin)}–${seconds(stop - origin)} s`;
      if (span.status !== "succeeded") label += ` ${span.status}`;
      if (span.attempts > 1) label += ` (${span.attempts} attempts)`;
    }
    lines.push(`${span.job.padEnd(nameWidth)} |${row.join("")}| ${label}`);
  }
  return lines.join("\n");
}
