// Bytes of answers read into memory at once, across every request in flight.
// A burst of 100 requests answers almost together; without a bound each body
// is read, decoded and parsed at once, and the process holds all of them.
// With it a body is read only while the bytes being read and parsed stay
// under the budget; the others wait with their bodies unread (the socket
// holds them back), so memory follows the budget, not the concurrency.
import { abortErrorFor } from "./abort.js";

/** Default budget: a few pages of pull requests (~1.7 MB each); reading is fast next to the latency. */
export const DEFAULT_ANSWER_BUDGET_BYTES = 8 * 1024 * 1024;
/** What an answer without content-length is assumed to weigh until it is read. */
const UNKNOWN_LENGTH_BYTES = 256 * 1024;

interface Waiter {
  bytes: number;
  priority: number;
  resolve: (grant: AnswerGrant) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export interface AnswerGrant {
  /** Returns the bytes to the budget; later calls do nothing. */
  release(): void;
}

export class AnswerBudget {
  private held = 0;
  private peakHeld = 0;
  private readonly waiting: Waiter[] = [];

  constructor(private readonly budgetBytes: number = DEFAULT_ANSWER_BUDGET_BYTES) {}

  /** Bytes held at most so far. */
  get peak(): number {
    return this.peakHeld;
  }

  /** The bytes an answer is charged: its content-length, or a nominal weight. */
  static weigh(contentLength: unknown): number {
    const announced = Number(contentLength);
    return Number.isFinite(announced) && announced >= 0 ? announced : UNKNOWN_LENGTH_BYTES;
  }

  /**
   * Waits until `bytes` fit in the budget, higher `priority` first (the
   * scheduler's request priority: an answer on the critical path is not read
   * after a backlog of bulk pages), first come first served within one. An
   * answer larger than the whole budget goes alone, so it is never held back forever.
   */
  acquire(bytes: number, signal?: AbortSignal, priority = 0): Promise<AnswerGrant> {
    if (signal?.aborted) return Promise.reject(abortErrorFor(signal));
    if (this.waiting.length === 0 && this.fits(bytes)) return Promise.resolve(this.grant(bytes));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        priority,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const at = this.waiting.indexOf(waiter);
          if (at >= 0) this.waiting.splice(at, 1);
          reject(abortErrorFor(signal as AbortSignal));
          this.admit();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      const behind = this.waiting.findIndex((other) => other.priority < priority);
      this.waiting.splice(behind < 0 ? this.waiting.length : behind, 0, waiter);
      this.admit();
    });
  }

  private fits(bytes: number): boolean {
    return this.held === 0 || this.held + bytes <= this.budgetBytes;
  }

  private grant(bytes: number): AnswerGrant {
    this.held += bytes;
    this.peakHeld = Math.max(this.peakHeld, this.held);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held -= bytes;
        this.admit();
      },
    };
  }

  private admit(): void {
    for (;;) {
      const next = this.waiting[0];
      if (next === undefined || !this.fits(next.bytes)) return;
      this.waiting.shift();
      next.signal?.removeEventListener("abort", next.onAbort);
      next.resolve(this.grant(next.bytes));
    }
  }
}
