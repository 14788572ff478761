// The settings every command has: how progress and logs are written.

import { UsageError } from "../errors.js";
import type { LogLevel } from "../util/logger.js";
import { choice, type Env, envValue, flagBoolean, type ParsedArgv, pick } from "./args.js";
import type { OptionSpec } from "./flags.js";

export type LogFormat = "text" | "json";
const LOG_FORMATS: readonly LogFormat[] = ["text", "json"];

/** Settings every command has. */
export interface OutputSettings {
  logFormat: LogFormat;
  logLevel: LogLevel;
  /** Only warnings, errors and the final one-line summary. */
  quiet: boolean;
  /** Problems worth telling the user that did not stop the run (e.g. a child entity without its parent). */
  warnings: string[];
}

export const OUTPUT_FLAGS: readonly OptionSpec[] = [
  {
    key: "logFormat",
    flags: "--log-format <format>",
    env: "LOG_FORMAT",
    description: "Progress and log output on stderr: {text|json} (default: text)",
  },
  {
    key: "quiet",
    flags: "-q, --quiet",
    description: "Print only warnings, errors and a one-line summary",
  },
  {
    key: "verbose",
    flags: "--verbose",
    env: "LOG_LEVEL",
    description: "Print debug logs (LOG_LEVEL=DEBUG)",
  },
];

const LOG_LEVELS: Readonly<Record<string, LogLevel>> = {
  debug: "debug",
  info: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
  critical: "error",
};
const LEVEL_ORDER: readonly LogLevel[] = ["debug", "info", "warn", "error"];

export function resolveOutput(parsed: ParsedArgv, env: Env): OutputSettings {
  const format = pick(parsed, env, "logFormat", "LOG_FORMAT");
  const logFormat = format ? choice(format.value, LOG_FORMATS, format.source) : "text";
  const quiet = flagBoolean(parsed, "quiet") ?? false;
  const verbose = flagBoolean(parsed, "verbose") ?? false;
  if (quiet && verbose) throw new UsageError("--quiet and --verbose cannot be used together");

  let logLevel: LogLevel = "info";
  const levelName = envValue(env, "LOG_LEVEL");
  if (levelName !== undefined) {
    const level = LOG_LEVELS[levelName.toLowerCase()];
    if (!level) throw new UsageError(`LOG_LEVEL: "${levelName}" is not one of DEBUG, INFO, WARNING, ERROR`);
    logLevel = level;
  }
  if (verbose) logLevel = "debug";
  if (quiet && LEVEL_ORDER.indexOf(logLevel) < LEVEL_ORDER.indexOf("warn")) logLevel = "warn";
  return { logFormat, logLevel, quiet, warnings: [] };
}
