// A purely virtual clock: time stands still except when a timer fires, which
// happens as soon as the event loop is free, in due order, moving time to the
// timer's due time. Scheduler waits of "minutes" take microseconds, and
// times observed in a test are exact (no real time leaks in).
import type { Clock } from "../../../src/github/clock.js";

interface Timer {
  id: number;
  due: number;
  callback: () => void;
}

export interface WarpClock extends Clock {
  /** Virtual ms elapsed since creation. */
  elapsed(): number;
  /** Every delay ever requested. */
  readonly delays: number[];
}

export function createWarpClock(): WarpClock {
  const start = Date.now();
  let current = start;
  let nextId = 1;
  const timers: Timer[] = [];
  const delays: number[] = [];
  let pumping = false;
  const now = (): number => current;

  const pump = (): void => {
    if (pumping || timers.length === 0) return;
    pumping = true;
    // setTimeout(0) (not setImmediate) lets pending I/O and microtasks run first.
    setTimeout(() => {
      pumping = false;
      timers.sort((a, b) => a.due - b.due || a.id - b.id);
      const timer = timers.shift();
      if (timer) {
        current = Math.max(current, timer.due);
        timer.callback();
      }
      pump();
    }, 0);
  };

  return {
    now,
    setTimeout(callback, ms) {
      delays.push(ms);
      const timer = { id: nextId++, due: now() + Math.max(0, ms), callback };
      timers.push(timer);
      pump();
      return timer.id;
    },
    clearTimeout(handle) {
      const index = timers.findIndex((t) => t.id === handle);
      if (index >= 0) timers.splice(index, 1);
    },
    elapsed: () => now() - start,
    delays,
  };
}
