// Several counts per parent (a pull request's reviews, review comments,
// threads…), reported by one job as it reads each parent and awaited two ways:
// per parent by the job that writes the parent's record (it stores them in
// the record), and all at once by the jobs that reconcile children with them.
import type { CountsByParent } from "./reported-counts.js";

/** Where a reconciling job gets one kind of count per parent (null: none will come). */
export interface CountSource {
  wait(signal?: AbortSignal): Promise<CountsByParent | null>;
}

export class ParentCounts<T extends object> {
  readonly #values = new Map<number, T>();
  readonly #waiting = new Map<number, Array<(value: T | undefined) => void>>();
  readonly #settled: Promise<boolean>;
  #settle!: (complete: boolean) => void;
  #done = false;

  /** `expected` false: no job of this run reports them; every wait yields nothing at once. */
  constructor(expected: boolean) {
    this.#settled = new Promise((resolve) => {
      this.#settle = resolve;
    });
    if (!expected) this.#finish(false);
  }

  set(parent: number, value: T): void {
    if (this.#done) return;
    this.#values.set(parent, value);
    for (const resolve of this.#waiting.get(parent) ?? []) resolve(value);
    this.#waiting.delete(parent);
  }

  /** Every parent's counts have been set. */
  complete(): void {
    this.#finish(true);
  }

  /** The reporting job failed: what it did not report will not come. */
  unavailable(): void {
    this.#finish(false);
  }

  /** One parent's counts, as soon as they are reported (undefined if they never will be). */
  get(parent: number): Promise<T | undefined> {
    const value = this.#values.get(parent);
    if (value !== undefined || this.#done) return Promise.resolve(value);
    return new Promise((resolve) => {
      const list = this.#waiting.get(parent) ?? [];
      list.push(resolve);
      this.#waiting.set(parent, list);
    });
  }

  /** One kind of count for every parent, once all are reported (null if the reporting job failed). */
  count(key: { [K in keyof T]: T[K] extends number ? K : never }[keyof T]): CountSource {
    return {
      wait: async (signal) => {
        signal?.throwIfAborted();
        const complete = await abortable(this.#settled, signal);
        if (!complete) return null;
        return new Map([...this.#values].map(([parent, value]) => [parent, value[key] as number]));
      },
    };
  }

  #finish(complete: boolean): void {
    if (this.#done) return;
    this.#done = true;
    this.#settle(complete);
    for (const list of this.#waiting.values()) for (const resolve of list) resolve(undefined);
    this.#waiting.clear();
  }
}

function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then((value) => {
      signal.removeEventListener("abort", onAbort);
      resolve(value);
    }, reject);
  });
}
