// Cancellation helpers: one error type for "the caller gave up", and signal
// combination (a request stops when either its caller or its own timeout fires).

/** Thrown when a request is cancelled by its caller's AbortSignal. */
export class AbortError extends Error {
  override readonly name = "AbortError";
  constructor(message = "The operation was aborted", options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function abortErrorFor(signal: AbortSignal): AbortError {
  const reason: unknown = signal.reason;
  const detail = reason instanceof Error && reason.message ? `: ${reason.message}` : "";
  return new AbortError(`The request was aborted${detail}`, { cause: reason });
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === "AbortError";
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortErrorFor(signal);
}

/** A signal that aborts when any of the given ones does; undefined when none is given. */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((s): s is AbortSignal => s !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
