// The parsed command line and the environment, and the readers every
// command's parser uses to turn them into settings: a flag beats its
// variable, and every bad value is a one-line UsageError naming its source.

import { UsageError } from "../errors.js";
import { parseBoolean } from "../util/booleans.js";
import { longFlag, type OptionSpec } from "./flags.js";

export type Env = Readonly<Record<string, string | undefined>>;

export const PROGRAM = "github-data";

export interface ParsedArgv {
  /** The positional arguments after the command name. */
  args: string[];
  values: Record<string, unknown>;
  /** Option keys given on the command line. */
  given: Set<string>;
  /** Every command's flags, to name a flag by its key. */
  specs: readonly OptionSpec[];
}

/** A variable's trimmed value; empty counts as unset. */
export function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function flagString(parsed: ParsedArgv, key: string): string | undefined {
  const value = parsed.values[key];
  return typeof value === "string" ? value : undefined;
}

export function flagList(parsed: ParsedArgv, key: string): string[] | undefined {
  const value = parsed.values[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

export function flagBoolean(parsed: ParsedArgv, key: string): boolean | undefined {
  if (!parsed.given.has(key)) return undefined;
  return parsed.values[key] === true;
}

/** A flag's string value, else the variable's, with the name of whichever was used. */
export function pick(
  parsed: ParsedArgv,
  env: Env,
  key: string,
  variable: string,
): { value: string; source: string } | undefined {
  const flag = flagString(parsed, key);
  const spec = parsed.specs.find((s) => s.key === key);
  if (flag !== undefined) return { value: flag, source: spec ? longFlag(spec) : `--${key}` };
  const value = envValue(env, variable);
  return value === undefined ? undefined : { value, source: variable };
}

export function choice<T extends string>(value: string, choices: readonly T[], source: string): T {
  const found = choices.find((c) => c === value.trim().toLowerCase());
  if (found) return found;
  throw new UsageError(`${source}: "${value}" is not one of ${choices.join(", ")}`);
}

export function booleanSetting(
  parsed: ParsedArgv,
  env: Env,
  key: string,
  variable: string,
  fallback: boolean,
): boolean {
  const flag = flagBoolean(parsed, key);
  if (flag !== undefined) return flag;
  const value = env[variable];
  return value === undefined ? fallback : parseBoolean(value, variable);
}

export function nonEmptyPath(value: string, source: string): string {
  if (value.trim() === "") throw new UsageError(`${source}: the path is empty`);
  return value;
}

export function missing(what: string, command: string, usage: string, variable: string): UsageError {
  return new UsageError(`${command}: missing ${what}; write '${PROGRAM} ${usage}' or set ${variable}`);
}
