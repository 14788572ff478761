// Error classes that carry their exit code, and the one-line formatting the
// command line prints for any error.

export const EXIT_OK = 0;
/** The run finished but at least one job failed. */
export const EXIT_JOB_FAILED = 1;
/** Usage, configuration, authentication or input error, detected before anything is written. */
export const EXIT_USAGE = 2;
/** Interrupted by SIGINT/SIGTERM (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

export const ExitCode = {
  ok: EXIT_OK,
  jobFailed: EXIT_JOB_FAILED,
  usage: EXIT_USAGE,
  interrupted: EXIT_INTERRUPTED,
} as const;

/** Base class: an error meant for the user, printed as one line. */
export class CliError extends Error {
  readonly exitCode: number;
  /** Short advice printed after the message, such as "see github-data save --help". */
  readonly hint: string | undefined;

  constructor(message: string, exitCode: number, options?: { hint?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = exitCode;
    this.hint = options?.hint;
  }
}

/** Bad flags or arguments. */
export class UsageError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_USAGE, options);
  }
}

/** Bad or missing configuration (environment, token, URLs). */
export class ConfigError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_USAGE, options);
  }
}

/** The input (a backup folder, a repository) is unusable. */
export class InputError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_USAGE, options);
  }
}

/** The token was rejected or lacks a permission. */
export class AuthError extends CliError {
  constructor(message: string, options?: { hint?: string; cause?: unknown }) {
    super(message, EXIT_USAGE, options);
  }
}

/** Raised (as an abort reason) when the user interrupts the run. */
export class InterruptedError extends CliError {
  constructor(message = "interrupted") {
    super(message, EXIT_INTERRUPTED);
  }
}

/**
 * The exit code for an error: its own `exitCode` when it carries a valid one
 * (so other modules' errors need not extend these classes), 130 for aborts,
 * otherwise 1.
 */
export function exitCodeFor(err: unknown): number {
  if (typeof err === "object" && err !== null) {
    const code = (err as { exitCode?: unknown }).exitCode;
    if (typeof code === "number" && Number.isInteger(code) && code >= 0 && code <= 255) return code;
    const name = (err as { name?: unknown }).name;
    if (name === "AbortError") return EXIT_INTERRUPTED;
  }
  return EXIT_JOB_FAILED;
}

export interface FormatErrorOptions {
  /** Adds the stack trace (and causes' stacks) after the line. */
  debug: boolean;
  redact: (text: string) => string;
}

/** `error: <message>[ (hint)]` on one line; with `debug`, the stack follows. Always redacted. */
export function formatError(err: unknown, options: FormatErrorOptions): string {
  let line = `error: ${oneLine(messageOf(err))}`;
  const cause = err instanceof Error ? err.cause : undefined;
  if (cause !== undefined) {
    const causeMessage = oneLine(messageOf(cause));
    if (causeMessage !== "" && !line.includes(causeMessage)) line += `: ${causeMessage}`;
  }
  if (err instanceof CliError && err.hint) line += ` (${err.hint})`;
  if (options.debug) {
    const stacks: string[] = [];
    for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
      if (e.stack) stacks.push(depth === 0 ? e.stack : `caused by: ${e.stack}`);
    }
    if (stacks.length > 0) line += `\n${stacks.join("\n")}`;
  }
  return options.redact(line);
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (typeof err === "string") return err;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}
