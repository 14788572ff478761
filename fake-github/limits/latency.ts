// Simulated network and server time: a fixed delay plus seeded uniform jitter,
// drawn per request index so a run with the same seed replays the same delays.
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
