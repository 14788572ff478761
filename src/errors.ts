// The errors every layer may throw at the user, with the exit code each one
// means. This module sits below every layer (it imports nothing), so the
// selection parser, the use cases and the command line share one set of
// classes; turning an error into one printed line is the command line's job
// (src/cli/errors.ts).

export const EXIT_OK = 0;
/** The run finished but at least one job failed. */
export const EXIT_JOB_FAILED = 1;
/** Usage, configuration, authentication or input error, detected before anything is written. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT/SIGTERM (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export interface UserErrorOptions {
  /** Short advice printed after the message, such as "see github-data save --help". */
  hint?: string;
  cause?: unknown;
}

/** Base class: an error meant for the user, printed as one line, with the exit code it means. */
export class UserError extends Error {
  readonly exitCode: number;
  readonly hint: string | undefined;

  constructor(message: string, exitCode: number, options?: UserErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options?.hint;
  }
}

/** A problem found before anything was written: exit code 2. */
abstract class RefusalError extends UserError {
  constructor(message: string, options?: UserErrorOptions) {
    super(message, EXIT_USAGE, options);
  }
}

/** Bad flags or arguments. */
export class UsageError extends RefusalError {}

/** Bad or missing configuration (environment, token, URLs). */
export class ConfigError extends RefusalError {}

/** The input (a backup folder, a repository) is unusable. */
export class InputError extends RefusalError {}

/** The token was rejected or lacks a permission. */
export class AuthError extends RefusalError {}

/**
 * An input, configuration or access problem a save or restore found before
 * anything was written. The message is one line, safe to print.
 */
export class PreflightError extends RefusalError {}

/** Raised (as an abort reason) when the user interrupts the run. */
export class InterruptedError extends UserError {
  constructor(message = "interrupted") {
    super(message, EXIT_INTERRUPTED);
  }
}
