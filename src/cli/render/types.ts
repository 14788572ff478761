// What the command line's progress renderers consume and produce.

import type { JobStatus, OrchestratorEvent } from "../../orchestrator/types.js";

/** The little a renderer needs from a stream (process.stderr, or a fake in tests). */
export interface OutputStream {
  write(chunk: string): unknown;
  /** Terminal width, when the stream is a terminal. */
  columns?: number;
  rows?: number;
  isTTY?: boolean;
}

export interface RunSummaryJob {
  name: string;
  status: JobStatus;
  records: number;
  durationMs: number;
  requests?: number;
  error?: string | null;
}

export interface RunSummary {
  /** "save", "restore" or "verify". */
  command: string;
  /** What the command worked on, e.g. "octocat/hello-world". */
  target: string;
  /** The folder written (save) or read. */
  outDir?: string;
  jobs: RunSummaryJob[];
  totalMs: number;
  requests?: { total: number };
  exitCode: number;
}

/** HTTP activity, reported by the GitHub client as it goes. */
export interface RequestStats {
  total: number;
  inFlight?: number;
  rateLimit?: { remaining: number; limit?: number; resetAt?: Date };
  /** Requests are paused until this primary-limit reset. */
  pausedUntil?: Date;
  /** While paused: when the run is estimated to finish. */
  estimatedFinish?: Date;
}

export type RendererKind = "tty" | "plain" | "json";

export interface Timers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface RendererOptions {
  stream: OutputStream;
  /** Milliseconds since the epoch, for tests. */
  now?: () => number;
  redact: (text: string) => string;
  /** Only warnings, errors and the final one-line summary. */
  quiet?: boolean;
  /** Colors and symbols (TTY only; the caller decides, honouring NO_COLOR). */
  color?: boolean;
  /** TTY refresh period (default 100 ms, so at most ~10 frames a second). */
  refreshMs?: number;
  /** Timer functions, for tests. */
  timers?: Timers;
}

export interface Renderer {
  onEvent(event: OrchestratorEvent): void;
  onRequestStats(stats: RequestStats): void;
  onWarning(text: string): void;
  /** Writes a line (such as a log line) without disturbing the live display. */
  print(line: string): void;
  /** Stops live output and prints the final table and summary. */
  finish(summary: RunSummary): void;
  /** Stops timers and restores the terminal; safe to call more than once, also after finish. */
  dispose(): void;
}
