// Signal helpers for one attempt: link it to the run, bound it in time, race it.

import { setMaxListeners } from "node:events";
import { JobTimeoutError } from "./errors.js";

export interface AttemptSignal {
  signal: AbortSignal;
  /** Removes the timer and the link to the parent; call once the attempt has settled. */
  dispose(): void;
}

/**
 * A signal aborted with the parent's own reason when the parent aborts, or with a
 * JobTimeoutError after `timeoutMs` (no timer when undefined).
 */
export function attemptSignal(parent: AbortSignal | undefined, timeoutMs: number | undefined): AttemptSignal {
  const controller = new AbortController();
  // A job hands its signal to every request it makes; many listeners are expected.
  setMaxListeners(0, controller.signal);
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => controller.abort(new JobTimeoutError(timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
}

/**
 * Settles like `work`, or rejects with the signal's reason as soon as it aborts, so a job that
 * ignores its signal cannot hold the run. A later rejection of `work` is swallowed.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
