// How the command line presents any error: one line (redacted, with the
// error's hint) and an exit code. The error classes themselves live below
// every layer, in src/errors.ts.

import { EXIT_INTERRUPTED, EXIT_JOB_FAILED, UserError } from "../errors.js";

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
  if (err instanceof UserError && err.hint) line += ` (${err.hint})`;
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
