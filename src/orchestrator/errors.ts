// Errors the orchestrator raises or recognises.

/** The job list cannot be run: duplicate names, unknown dependencies, cycles or bad settings. */
export class JobGraphError extends Error {
  /** One line per problem found, each naming the jobs involved. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(problems.join("; "));
    this.name = "JobGraphError";
    this.problems = problems;
  }
}

/** An attempt ran longer than its job's `timeoutMs`; also the reason its signal is aborted with. */
export class JobTimeoutError extends Error {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = "JobTimeoutError";
    this.timeoutMs = timeoutMs;
  }
}

/** Thrown by a job to fail at once: a further attempt could not succeed (bad input, 404, ...). */
export class NonRetryableError extends Error {
  readonly retryable = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "NonRetryableError";
  }
}

/** False only for errors that say so with `retryable === false`; anything else may be retried. */
export function isRetryable(error: unknown): boolean {
  return !(typeof error === "object" && error !== null && "retryable" in error && error.retryable === false);
}

/** A one-line message for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === "string") return error;
  try {
    return String(error);
  } catch {
    return "unknown error";
  }
}
