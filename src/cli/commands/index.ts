// The one list of commands. Parsing, help, dispatch and the executable's
// handlers all read it; each command lives in its own folder here. A
// command's code (and the use case behind it) is imported only when it
// runs, so help, errors and each command start quickly.

import type { CommandHandler } from "../command-context.js";
import type { OptionSpec } from "../flags.js";
import { restore } from "./restore/index.js";
import { save } from "./save/index.js";
import { site } from "./site/index.js";
import { verify } from "./verify/index.js";

export const COMMANDS = [save, restore, verify, site] as const;

type AnyCommand = (typeof COMMANDS)[number];
export type CommandName = AnyCommand["name"];
/** The validated settings of any command. */
export type RunnableCommand = ReturnType<AnyCommand["resolve"]>;

/** A run function per command, so tests can run the commands' code directly. */
export type CommandHandlers = {
  [C in RunnableCommand as C["command"]]: CommandHandler<C>;
};

export function isCommandName(value: string): value is CommandName {
  return COMMANDS.some((command) => command.name === value);
}

export function commandNamed(name: CommandName): AnyCommand {
  return COMMANDS.find((command) => command.name === name)!;
}

/** The commands a flag belongs to, in list order. */
export function commandsWith(spec: OptionSpec): CommandName[] {
  return COMMANDS.filter((command) => command.flags.some((own) => own.key === spec.key)).map(
    (command) => command.name,
  );
}

/**
 * Every command's flags, each once: the flags of one command first (in list
 * order), then those several share, so a misplaced flag is reported by the
 * most specific one.
 */
export const ALL_FLAGS: readonly OptionSpec[] = [
  ...new Set(COMMANDS.flatMap((command) => command.flags)),
].sort((a, b) => commandsWith(a).length - commandsWith(b).length);

/** The handlers the executable runs: each imports its command's code on first call. */
export const lazyCommandHandlers = Object.fromEntries(
  COMMANDS.map((command) => [command.name, command.run]),
) as CommandHandlers;
