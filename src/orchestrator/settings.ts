// A job's effective timeout and retry policy: its own settings, else the run defaults.

import type { JobSpec, RunOptions } from "./types.js";

export interface JobSettings {
  /** Undefined: no timeout. */
  timeoutMs: number | undefined;
  retries: number;
  retryDelayMs: number;
}

type Tunables = Pick<JobSpec, "timeoutMs" | "retries" | "retryDelayMs">;

/** Problems with a set of tunables, each prefixed by `owner` (e.g. `job "issues"`). */
export function checkSettings(owner: string, settings: Tunables): string[] {
  const problems: string[] = [];
  const { timeoutMs, retries, retryDelayMs } = settings;
  if (timeoutMs !== undefined && !(typeof timeoutMs === "number" && timeoutMs > 0)) {
    problems.push(`${owner}: timeoutMs must be a positive number, got ${String(timeoutMs)}`);
  }
  if (retries !== undefined && !(Number.isInteger(retries) && retries >= 0)) {
    problems.push(`${owner}: retries must be a non-negative integer, got ${String(retries)}`);
  }
  if (
    retryDelayMs !== undefined &&
    !(typeof retryDelayMs === "number" && Number.isFinite(retryDelayMs) && retryDelayMs >= 0)
  ) {
    problems.push(`${owner}: retryDelayMs must be a non-negative number, got ${String(retryDelayMs)}`);
  }
  return problems;
}

export function resolveSettings(spec: Tunables, defaults: RunOptions["defaults"] = {}): JobSettings {
  const timeoutMs = spec.timeoutMs ?? defaults.timeoutMs;
  return {
    // An infinite timeout is no timeout (setTimeout would fire at once).
    timeoutMs: timeoutMs === undefined || timeoutMs === Number.POSITIVE_INFINITY ? undefined : timeoutMs,
    retries: spec.retries ?? defaults.retries ?? 0,
    retryDelayMs: spec.retryDelayMs ?? defaults.retryDelayMs ?? 0,
  };
}

/** Delay before `attempt` (2, 3, ...): the base delay, doubled for each earlier retry. */
export function retryDelay(settings: JobSettings, attempt: number): number {
  return settings.retryDelayMs * 2 ** Math.max(0, attempt - 2);
}
