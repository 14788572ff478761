// Plain renderer (pipes, CI logs): one log-style line per job state change,
// no cursor movement, then the final table as plain text.

import type { OrchestratorEvent } from "../../orchestrator/types.js";
import type { LogLevel } from "../../util/logger.js";
import { formatTextLine } from "../logging.js";
import { formatCount, formatDuration, oneLine, summaryLine, summaryTable } from "./format.js";
import type { Renderer, RendererOptions, RequestStats, RunSummary } from "./types.js";

/** A long job reports progress at most this often (per job). */
const PROGRESS_EVERY_MS = 15_000;

export function createPlainRenderer(options: RendererOptions): Renderer {
  const now = options.now ?? Date.now;
  const quiet = options.quiet ?? false;
  const lastProgress = new Map<string, number>();
  let finished = false;

  const write = (text: string) => {
    options.stream.write(`${options.redact(text)}\n`);
  };
  const line = (level: LogLevel, message: string, at?: Date) => {
    if (quiet && (level === "debug" || level === "info")) return;
    write(formatTextLine(at ?? new Date(now()), level, message));
  };

  return {
    onEvent(event: OrchestratorEvent) {
      if (finished) return;
      const { job } = event;
      switch (event.type) {
        case "queued":
          return;
        case "started":
          lastProgress.set(job, now());
          return line(
            "info",
            `${job} started${event.attempt > 1 ? ` (attempt ${event.attempt})` : ""}`,
            event.at,
          );
        case "progress": {
          const last = lastProgress.get(job) ?? 0;
          if (now() - last < PROGRESS_EVERY_MS) return;
          lastProgress.set(job, now());
          return line("info", `${job}: ${progressText(event)}`, event.at);
        }
        case "retrying":
          if (quiet) return;
          return line(
            "warn",
            `${job} will retry in ${formatDuration(event.delayMs)} (attempt ${event.attempt}): ${oneLine(event.error)}`,
            event.at,
          );
        case "succeeded":
          return line(
            "info",
            `${job} succeeded: ${formatCount(event.records)} records in ${formatDuration(event.durationMs)}`,
            event.at,
          );
        case "failed":
          return line(
            "error",
            `${job} failed after ${formatDuration(event.durationMs)}: ${oneLine(event.error)}`,
            event.at,
          );
        case "skipped":
          return line("info", `${job} skipped: ${oneLine(event.reason)}`, event.at);
        case "cancelled":
          return line("info", `${job} cancelled: ${oneLine(event.reason)}`, event.at);
      }
    },
    onRequestStats(_stats: RequestStats) {},
    onWarning(text: string) {
      line("warn", text);
    },
    print(text: string) {
      write(text.replace(/\n$/, ""));
    },
    finish(summary: RunSummary) {
      if (finished) return;
      finished = true;
      if (!quiet) {
        write("");
        for (const row of summaryTable(summary)) write(row);
      }
      write(summaryLine(summary));
    },
    dispose() {},
  };
}

export function progressText(progress: {
  items?: number;
  pages?: number;
  total?: number;
  message?: string;
}): string {
  const parts: string[] = [];
  if (progress.items !== undefined) {
    parts.push(
      progress.total !== undefined
        ? `${formatCount(progress.items)}/${formatCount(progress.total)} items`
        : `${formatCount(progress.items)} items`,
    );
  }
  if (progress.pages !== undefined) parts.push(`${formatCount(progress.pages)} pages`);
  if (progress.message) parts.push(oneLine(progress.message));
  return parts.length > 0 ? parts.join(", ") : "working";
}
