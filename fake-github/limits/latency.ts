// Simulated network and server time: a fixed delay plus seeded uniform jitter,
// drawn per request index so a run with the same seed replays the same delays.
// The drawn delay is the whole time from a request's arrival to its answer
// (the server's own work included), as a real server's latency is.
import { performance } from "node:perf_hooks";
import { hashUnit } from "./random.js";

export class LatencyModel {
  private latencyMs = 0;
  private jitterMs = 0;
  private seed = 1;
  private index = 0;

  configure(latencyMs: number, jitterMs: number, seed: number): void {
    this.latencyMs = latencyMs;
    this.jitterMs = jitterMs;
    this.seed = seed;
    this.index = 0;
  }

  /** The delay for the next request, in milliseconds (0 when latency is off). */
  next(): number {
    if (this.latencyMs <= 0 && this.jitterMs <= 0) return 0;
    const offset = (hashUnit(this.seed, this.index++, 3) * 2 - 1) * this.jitterMs;
    return Math.max(0, this.latencyMs + offset);
  }
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * The server's stopwatch: a monotonic clock in milliseconds (request
 * durations, answer deadlines) and a way to wait. Tests pass a manual one so
 * they can check waits without timing real time.
 */
export interface ServerTimer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: ServerTimer = { now: () => performance.now(), sleep };

/**
 * Waits until `deadline` on `timer`'s clock; no wait once it has passed.
 * Node's timers count from the event loop's cached time, so on a busy loop a
 * timer can fire several milliseconds early: the clock is read again and the
 * rest waited, so the latency is never shorter than drawn.
 */
export async function waitUntil(timer: ServerTimer, deadline: number): Promise<void> {
  for (let remaining = deadline - timer.now(); remaining > 0; remaining = deadline - timer.now()) {
    await timer.sleep(remaining);
  }
}
