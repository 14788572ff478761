// How a command declares its flags. Each command lists its own
// (src/cli/commands/<command>/flags.ts) plus the shared groups; the parser
// (config.ts) and the help texts read the same specs, so the two cannot
// drift apart.

export interface OptionSpec {
  /** Commander's attribute name for the value. */
  key: string;
  /** Commander flags, e.g. "-o, --out <dir>". */
  flags: string;
  /** How help shows the flag, when it differs from `flags`. */
  display?: string;
  description: string;
  /** The environment variable that supplies the value when the flag is absent. */
  env?: string;
  /** Repeatable: values accumulate into a list. */
  repeatable?: boolean;
  /** Not listed in help (the other half of a --x/--no-x pair). */
  hidden?: boolean;
}

/** Flags that take a value (the next argument unless written --flag=value). */
export function takesValue(spec: OptionSpec): boolean {
  return spec.flags.includes("<");
}

/** The long flag name, e.g. "--out". */
export function longFlag(spec: OptionSpec): string {
  const match = /--[a-z-]+/.exec(spec.flags);
  return match ? match[0] : spec.flags;
}
