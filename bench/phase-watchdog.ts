// A benchmark phase that never hangs silently. While a restore runs, requests
// must keep reaching the fake: when none arrives for `quietMs`, the phase is
// aborted and fails with one line naming what the restore was waiting for —
// the jobs still running and the client's last pacing wait (budget and route,
// or the rate limit), which the scheduler reports through the logger.
import type { FakeGitHub } from "../fake-github/index.js";
import type { OrchestratorEvent } from "../src/orchestrator/types.js";
import type { LogFields, Logger } from "../src/util/logger.js";

/** What a watched phase hands the restore it runs. */
export interface PhaseHooks {
  signal: AbortSignal;
  /** Records the scheduler's waits (its wait lines carry `reason` and `until`). */
  log: Logger;
  /** Tracks the jobs running. */
  onEvent: (event: OrchestratorEvent) => void;
}

/** A phase in which no request reached the fake for too long. */
export class PhaseStalledError extends Error {}

interface Wait {
  at: number;
  fields: LogFields;
}

function describeWait(wait: Wait | null, now: number): string {
  if (!wait) return "the client reported no pacing wait";
  const f = wait.fields;
  const until = typeof f.until === "number" ? f.until : wait.at;
  const left = until > now ? `, ${((until - now) / 1000).toFixed(1)} s still to go` : ", since over";
  const length = `${((typeof f.waitMs === "number" ? f.waitMs : 0) / 1000).toFixed(1)} s`;
  const ago = `${((now - wait.at) / 1000).toFixed(0)} s ago`;
  if (f.reason === "budget")
    return `the client's last wait (${ago}): ${String(f.route)} held ${length} for its ${String(f.budget)} budget${left}`;
  if (f.reason === "rate-limit")
    return `the client's last wait (${ago}): the ${String(f.resource)} rate limit, ${length}${left}`;
  return `the client's last wait (${ago}): ${String(f.reason)}, ${length}${left}`;
}

/**
 * Runs `run` with hooks for its restore; rejects with PhaseStalledError (and
 * aborts the restore) when no request reaches the fake for `quietMs`.
 */
export async function watchPhase<T>(
  phase: string,
  fake: FakeGitHub,
  quietMs: number,
  run: (hooks: PhaseHooks) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const running = new Set<string>();
  let lastWait: Wait | null = null;
  const noteWait = (_message: string, fields?: LogFields) => {
    if (fields && typeof fields.reason === "string" && "until" in fields)
      lastWait = { at: Date.now(), fields };
  };
  const hooks: PhaseHooks = {
    signal: controller.signal,
    log: { debug: noteWait, info() {}, warn: noteWait, error() {} },
    onEvent: (event) => {
      if (event.type === "started") running.add(event.job);
      else if (event.type !== "queued" && event.type !== "progress" && event.type !== "retrying")
        running.delete(event.job);
    },
  };
  let seen = fake.stats.total;
  let quietSince = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(
      () => {
        const now = Date.now();
        if (fake.stats.total !== seen) {
          seen = fake.stats.total;
          quietSince = now;
          return;
        }
        if (now - quietSince < quietMs) return;
        const jobs = running.size > 0 ? [...running].join(", ") : "none";
        const line = `${phase}: stalled, no request reached the fake for ${((now - quietSince) / 1000).toFixed(0)} s (${fake.stats.inFlight} in flight); jobs running: ${jobs}; ${describeWait(lastWait, now)}`;
        controller.abort(new PhaseStalledError(line));
        reject(new PhaseStalledError(line));
      },
      Math.min(1000, quietMs / 4),
    );
  });
  try {
    return await Promise.race([run(hooks), stalled]);
  } finally {
    clearInterval(timer);
  }
}
