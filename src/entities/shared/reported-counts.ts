// Counts GitHub reports next to a parent (an issue's `comments`), collected by
// the job that reads the parents and awaited by the job that saves their
// children, which compares them with what it saved (reconcile-children.ts).

/** Parent number → the count GitHub reported for it. */
export type CountsByParent = ReadonlyMap<number, number>;

export class ReportedCounts {
  readonly #settled: Promise<CountsByParent | null>;
  #resolve!: (counts: CountsByParent | null) => void;
  readonly #counts = new Map<number, number>();

  /** `expected` false: no job of this run reports them; waiting yields null at once. */
  constructor(expected: boolean) {
    this.#settled = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    if (!expected) this.#resolve(null);
  }

  set(parent: number, count: number): void {
    this.#counts.set(parent, count);
  }

  /** Every parent's count has been set. */
  complete(): void {
    this.#resolve(this.#counts);
  }

  /** The reporting job failed: there is nothing to compare with (null). */
  unavailable(): void {
    this.#resolve(null);
  }

  /** The counts, or null when none will come; rejects when `signal` aborts first. */
  wait(signal?: AbortSignal): Promise<CountsByParent | null> {
    if (signal === undefined) return this.#settled;
    signal.throwIfAborted();
    return new Promise((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#settled.then((counts) => {
        signal.removeEventListener("abort", onAbort);
        resolve(counts);
      });
    });
  }
}
