// Everything the command line knows about one command, declared in its own
// folder (src/cli/commands/<command>/index.ts) and listed once in
// src/cli/commands/index.ts.

import type { Env, ParsedArgv } from "./args.js";
import type { CommandHandler } from "./command-context.js";
import type { OptionSpec } from "./flags.js";
import type { OutputSettings } from "./output.js";

export interface CommandSpec<C extends OutputSettings & { command: string }> {
  name: C["command"];
  /** Its line in the overview's COMMANDS section. */
  summary: string;
  /** Commander's positional arguments, e.g. "[dir]". */
  args: readonly string[];
  /** Its flags in help order, the shared groups included. */
  flags: readonly OptionSpec[];
  /** Its help text, without the final newline. */
  help(): string;
  /** Its settings from the parsed command line and the environment. */
  resolve(parsed: ParsedArgv, env: Env, output: OutputSettings): C;
  /** Runs it, importing its code on first call (a save never loads the restore code). */
  run: CommandHandler<C>;
}

/** `--help` or `help`: the text to print. */
export interface HelpCommand {
  command: "help";
  text: string;
}

/** `--version`: the text to print. */
export interface VersionCommand {
  command: "version";
  text: string;
}
