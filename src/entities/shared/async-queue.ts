// A single-consumer async queue: producers push, one consumer iterates with
// for-await. Ending with an error makes the consumer's loop throw it.
interface RoomWaiter {
  below: number;
  resolve: () => void;
}

export class AsyncQueue<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | null = null;
  #failWaiting: ((error: unknown) => void) | null = null;
  #done = false;
  #error: unknown = undefined;
  #detached = false;
  /** Producers waiting for the queue to shrink (see `room`). */
  #roomWaiters: RoomWaiter[] = [];

  /** True once the consumer stopped iterating; later pushes are dropped. */
  get detached(): boolean {
    return this.#detached;
  }

  push(item: T): void {
    if (this.#done || this.#detached) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      this.#failWaiting = null;
      resolve({ value: item, done: false });
    } else {
      this.#items.push(item);
    }
  }

  /**
   * Resolves once fewer than `below` items wait (or the queue ended or lost
   * its consumer): a producer that awaits it holds at most that many items
   * ahead of a slow consumer.
   */
  room(below: number): Promise<void> {
    if (this.#items.length < below || this.#done || this.#detached) return Promise.resolve();
    return new Promise((resolve) => this.#roomWaiters.push({ below, resolve }));
  }

  #wakeProducers(): void {
    if (this.#roomWaiters.length === 0) return;
    const open = this.#done || this.#detached;
    const still: RoomWaiter[] = [];
    for (const waiter of this.#roomWaiters) {
      if (open || this.#items.length < waiter.below) waiter.resolve();
      else still.push(waiter);
    }
    this.#roomWaiters = still;
  }

  end(error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#error = error;
    this.#wakeProducers();
    if (this.#waiting && this.#items.length === 0) {
      const resolve = this.#waiting;
      const reject = this.#failWaiting;
      this.#waiting = null;
      this.#failWaiting = null;
      if (error !== undefined) reject?.(error);
      else resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return {
      next: () => {
        const item = this.#items.shift();
        if (item !== undefined) {
          this.#wakeProducers();
          return Promise.resolve({ value: item, done: false });
        }
        if (this.#done) {
          return this.#error !== undefined
            ? Promise.reject(this.#error)
            : Promise.resolve({ value: undefined, done: true });
        }
        return new Promise<IteratorResult<T>>((resolve, reject) => {
          this.#waiting = resolve;
          this.#failWaiting = reject;
        });
      },
      return: () => {
        this.#detached = true;
        this.#items = [];
        this.#wakeProducers();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
}
