// Terminal renderer: one live line per job, redrawn in place by log-update at
// most every `refreshMs` (default 100 ms), then the final table.

import { createLogUpdate } from "log-update";
import pc from "picocolors";
import type { OrchestratorEvent } from "../../orchestrator/types.js";
import {
  formatCount,
  formatDuration,
  noPaint,
  oneLine,
  type Paint,
  STATUS_SYMBOL,
  statusPaint,
  summaryLine,
  summaryTable,
  truncate,
} from "./format.js";
import { JobBoard, type JobView } from "./job-board.js";
import { progressText } from "./plain.js";
import type { Renderer, RendererOptions, RequestStats, RunSummary, Timers } from "./types.js";

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const HIDE_CURSOR = "\u001B[?25l";
const SHOW_CURSOR = "\u001B[?25h";

const defaultTimers: Timers = {
  setInterval(callback, ms) {
    const handle = setInterval(callback, ms);
    // A forgotten renderer must not keep the process alive.
    handle.unref();
    return handle;
  },
  clearInterval(handle) {
    clearInterval(handle as ReturnType<typeof setInterval>);
  },
};

export function createTtyRenderer(options: RendererOptions): Renderer {
  const { stream, redact } = options;
  const now = options.now ?? Date.now;
  const timers = options.timers ?? defaultTimers;
  const refreshMs = options.refreshMs ?? 100;
  const paint: Paint = options.color === false ? noPaint : pc.createColors(true);
  // log-update only needs write/columns/rows/isTTY from the stream.
  const live = createLogUpdate(stream as unknown as NodeJS.WritableStream, { showCursor: true });
  const board = new JobBoard();
  const startedAt = now();
  let requests: RequestStats | undefined;
  let timer: unknown;
  let showing = false;
  let done = false;

  const width = () => Math.max(40, (stream.columns ?? 80) - 1);

  const jobLine = (job: JobView, nameWidth: number): string => {
    const name = job.name.padEnd(nameWidth);
    const color = statusPaint(job.state, paint);
    let symbol: string;
    let text: string;
    switch (job.state) {
      case "running": {
        symbol = paint.bold(SPINNER[Math.floor(now() / 100) % SPINNER.length]!);
        const elapsed = job.startedAt === undefined ? 0 : now() - job.startedAt;
        text = `${progressText(job)} · ${formatDuration(elapsed)}`;
        break;
      }
      case "succeeded":
        symbol = color(STATUS_SYMBOL.succeeded!);
        text = `${formatCount(job.records ?? 0)} records · ${formatDuration(job.durationMs ?? 0)}`;
        break;
      case "retrying":
        symbol = color(STATUS_SYMBOL.retrying!);
        text = `retrying (attempt ${job.attempt}): ${oneLine(job.detail ?? "")}`;
        break;
      case "queued":
        symbol = color(STATUS_SYMBOL.queued!);
        text = "queued";
        break;
      default:
        symbol = color(STATUS_SYMBOL[job.state] ?? " ");
        text = `${job.state}${job.detail ? `: ${oneLine(job.detail)}` : ""}`;
    }
    const room = width() - 2 - nameWidth - 2;
    // Redact before cutting: a cut token would no longer match the redactor.
    const shown = truncate(redact(text), room);
    return `${symbol} ${name}  ${job.state === "running" ? shown : color(shown)}`;
  };

  const frame = (): string => {
    const jobs = board.list();
    const nameWidth = Math.max(0, ...jobs.map((job) => job.name.length));
    const lines = jobs.map((job) => jobLine(job, nameWidth));
    const footer = [`${formatDuration(now() - startedAt)} elapsed`];
    if (requests) {
      footer.push(`${formatCount(requests.total)} requests`);
      if (requests.inFlight !== undefined) footer.push(`${requests.inFlight} in flight`);
      if (requests.rateLimit) footer.push(`rate limit ${formatCount(requests.rateLimit.remaining)} left`);
      const paused = requests.pausedUntil?.getTime();
      if (paused !== undefined && paused > now()) {
        const today = new Date(now());
        footer.unshift(
          `hourly rate limit: paused until ${clockTime(requests.pausedUntil as Date, today)} (${formatDuration(paused - now())} left)`,
        );
        // On a line of its own, so a narrow terminal does not cut it off.
        const finish = requests.estimatedFinish;
        if (finish !== undefined)
          lines.push(paint.dim(truncate(`estimated finish ${clockTime(finish, today)}`, width())));
      }
    }
    lines.push(paint.dim(truncate(footer.join(" · "), width())));
    return redact(lines.join("\n"));
  };

  const render = () => {
    if (done) return;
    if (!showing) {
      stream.write(HIDE_CURSOR);
      showing = true;
    }
    live(frame());
  };

  const ensureTicking = () => {
    if (timer !== undefined || done) return;
    timer = timers.setInterval(render, refreshMs);
    render();
  };

  const stop = () => {
    if (timer !== undefined) timers.clearInterval(timer);
    timer = undefined;
  };

  const persist = (text: string) => {
    if (showing && !done) {
      live.persist(redact(text));
      render();
    } else stream.write(`${redact(text)}\n`);
  };

  return {
    onEvent(event: OrchestratorEvent) {
      if (done) return;
      board.apply(event);
      // Drawn on the next tick, so bursts of events cost one frame.
      ensureTicking();
    },
    onRequestStats(stats: RequestStats) {
      requests = stats;
    },
    onWarning(text: string) {
      persist(paint.yellow(`! ${oneLine(text)}`));
    },
    print(text: string) {
      persist(text.replace(/\n$/, ""));
    },
    finish(summary: RunSummary) {
      if (done) return;
      stop();
      if (showing) live.clear();
      done = true;
      const lines = [
        "",
        ...summaryTable(summary, { paint, symbols: true }),
        "",
        paint.bold(summaryLine(summary)),
      ];
      stream.write(`${redact(lines.join("\n"))}\n`);
      if (showing) stream.write(SHOW_CURSOR);
      showing = false;
    },
    dispose() {
      stop();
      if (showing) {
        // Keep the last frame on screen (e.g. after a second Ctrl-C) and give the cursor back.
        live.done();
        stream.write(SHOW_CURSOR);
        showing = false;
      }
      done = true;
    },
  };
}

/** "14:05:09 UTC", with the date in front when it is not today's (UTC). */
function clockTime(at: Date, today: Date): string {
  const iso = at.toISOString();
  const time = `${iso.slice(11, 19)} UTC`;
  return iso.slice(0, 10) === today.toISOString().slice(0, 10) ? time : `${iso.slice(0, 10)} ${time}`;
}
