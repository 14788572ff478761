// Shared formatting for renderers: durations, counts, the final table and the
// one-line summary.

import type { JobStatus } from "../../orchestrator/types.js";
import type { RunSummary } from "./types.js";

export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

export const noPaint: Paint = {
  green: (t) => t,
  red: (t) => t,
  yellow: (t) => t,
  dim: (t) => t,
  bold: (t) => t,
};

/** 850ms, 3.4s, 2m05s, 1h02m. */
export function formatDuration(ms: number): string {
  const value = Math.max(0, Math.round(ms));
  if (value < 1000) return `${value}ms`;
  if (value < 60_000) return `${(value / 1000).toFixed(1)}s`;
  const totalSeconds = Math.floor(value / 1000);
  if (totalSeconds < 3600) {
    return `${Math.floor(totalSeconds / 60)}m${String(totalSeconds % 60).padStart(2, "0")}s`;
  }
  const totalMinutes = Math.floor(totalSeconds / 60);
  return `${Math.floor(totalMinutes / 60)}h${String(totalMinutes % 60).padStart(2, "0")}m`;
}

/**
 * 1,234,567 (always en-US, so output does not depend on the machine's locale),
 * without toLocaleString, whose first call loads locale data (~10 ms at exit).
 */
export function formatCount(n: number): string {
  const [whole = "", fraction] = String(n).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

const STATUS_ORDER: readonly JobStatus[] = ["succeeded", "failed", "skipped", "cancelled"];

export function statusPaint(status: string, paint: Paint): (text: string) => string {
  if (status === "succeeded") return paint.green;
  if (status === "failed") return paint.red;
  if (status === "cancelled" || status === "retrying") return paint.yellow;
  return paint.dim;
}

export const STATUS_SYMBOL: Readonly<Record<string, string>> = {
  succeeded: "✓",
  failed: "✗",
  skipped: "-",
  cancelled: "⊘",
  queued: "·",
  retrying: "↻",
};

/** The final table, one row per job, then one line per failure. Lines without trailing newlines. */
export function summaryTable(
  summary: RunSummary,
  options: { paint?: Paint; symbols?: boolean } = {},
): string[] {
  const paint = options.paint ?? noPaint;
  const withRequests = summary.jobs.some((job) => job.requests !== undefined);
  const header = ["JOB", "STATUS", "RECORDS", ...(withRequests ? ["REQUESTS"] : []), "TIME"];
  const rows = summary.jobs.map((job) => [
    job.name,
    job.status,
    formatCount(job.records),
    ...(withRequests ? [job.requests === undefined ? "-" : formatCount(job.requests)] : []),
    formatDuration(job.durationMs),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  // Name and status align left, numbers right.
  const cell = (text: string, i: number) => (i < 2 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!));
  const prefix = (symbol: string) => (options.symbols ? `${symbol} ` : "");
  const lines = [paint.dim(`${prefix(" ")}${header.map(cell).join("  ")}`)];
  summary.jobs.forEach((job, index) => {
    const color = statusPaint(job.status, paint);
    const cells = rows[index]!.map(cell);
    cells[1] = color(cells[1]!);
    lines.push(
      `${options.symbols ? `${color(STATUS_SYMBOL[job.status] ?? " ")} ` : ""}${cells.join("  ")}`.trimEnd(),
    );
  });
  for (const job of summary.jobs) {
    if (job.status === "failed" && job.error)
      lines.push(paint.red(`${job.name} failed: ${oneLine(job.error)}`));
  }
  return lines;
}

/** One line: what ran, the outcome, job counts, time, requests, where the output is. */
export function summaryLine(summary: RunSummary): string {
  const outcome =
    summary.exitCode === 0
      ? "finished"
      : summary.exitCode === 130
        ? "interrupted"
        : summary.exitCode === 1
          ? "finished with failures"
          : "stopped";
  const counts = STATUS_ORDER.map(
    (status) => [status, summary.jobs.filter((j) => j.status === status).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`);
  const parts = [
    `${summary.command} ${summary.target} ${outcome} in ${formatDuration(summary.totalMs)}: ${
      counts.length > 0 ? counts.join(", ") : "no jobs"
    }`,
  ];
  if (summary.requests) parts.push(plural(summary.requests.total, "request"));
  if (summary.outDir) parts.push(`folder ${summary.outDir}`);
  if (summary.exitCode === 130 && summary.command === "save") parts.push("continue with --resume");
  return parts.join("; ");
}

export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** Cuts text to `width` characters, ending with an ellipsis when cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return "";
  const chars = [...text];
  return chars.length <= width ? text : `${chars.slice(0, Math.max(0, width - 1)).join("")}…`;
}
