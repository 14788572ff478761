// Turns argv and the environment into one validated command. Pure: argv and
// env are parameters, nothing here touches the process, and every problem is
// reported up front as a one-line error (exit code 2).

import { Command, CommanderError, Option } from "commander";
import { UsageError } from "../errors.js";
import { TOOL_VERSION } from "../version.js";
import { type Env, envValue, type ParsedArgv, PROGRAM } from "./args.js";
import type { HelpCommand, VersionCommand } from "./command-spec.js";
import {
  ALL_FLAGS,
  COMMANDS,
  type CommandName,
  commandNamed,
  commandsWith,
  isCommandName,
  type RunnableCommand,
} from "./commands/index.js";
import { longFlag, type OptionSpec, takesValue } from "./flags.js";
import { resolveOutput } from "./output.js";
import { helpText } from "./overview-help.js";

export type { Env };
export type ResolvedCommand = RunnableCommand | HelpCommand | VersionCommand;

/** "save, restore, verify or site" */
const COMMAND_CHOICES = `${COMMANDS.slice(0, -1)
  .map((command) => command.name)
  .join(", ")} or ${COMMANDS.at(-1)!.name}`;

/** Resolves argv (without the node and script paths) and the environment into a validated command. */
export function resolveConfig(argv: readonly string[], env: Env): ResolvedCommand {
  const early = scanEarly(argv);
  if (early) return early;

  const { command: given, parsed } = parseArgv(argv);
  const command = given ?? commandFromEnv(env);
  const spec = commandNamed(command);
  for (const flag of ALL_FLAGS) {
    if (parsed.given.has(flag.key) && !spec.flags.some((own) => own.key === flag.key) && !flag.hidden) {
      throw new UsageError(
        `${longFlag(flag)} applies to ${commandsWith(flag).join(" and ")}, not to ${command}`,
        { hint: `see '${PROGRAM} ${command} --help'` },
      );
    }
  }
  return spec.resolve(parsed, env, resolveOutput(parsed, env));
}

// --help, --version and a token flag are handled before parsing: help must
// work even when the rest of the line is incomplete, and a token flag must
// be refused without echoing its value.
function scanEarly(argv: readonly string[]): ResolvedCommand | undefined {
  const positionals: string[] = [];
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (/^--?(github-)?token(=|$)/i.test(arg)) {
      throw new UsageError(
        "a token is never accepted as a flag (it would leak into shell history and process lists); set GITHUB_TOKEN or GH_TOKEN",
      );
    }
    if (arg === "-h" || arg === "--help") help = true;
    else if (arg === "--version") version = true;
    else if (arg.startsWith("-")) {
      const spec = ALL_FLAGS.find((s) => longFlag(s) === arg || s.flags.startsWith(`${arg},`));
      if (spec && takesValue(spec)) i++;
    } else positionals.push(arg);
  }
  if (positionals[0] === "help") {
    const topic = positionals[1];
    return { command: "help", text: helpText(topic && isCommandName(topic) ? topic : undefined) };
  }
  if (help) {
    const topic = positionals[0];
    return { command: "help", text: helpText(topic && isCommandName(topic) ? topic : undefined) };
  }
  if (version) return { command: "version", text: `${PROGRAM} ${TOOL_VERSION}\n` };
  return undefined;
}

function parseArgv(argv: readonly string[]): { command: CommandName | undefined; parsed: ParsedArgv } {
  const capture: { command: CommandName | undefined; args: string[] } = { command: undefined, args: [] };
  const program = new Command(PROGRAM)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
    .helpOption(false)
    .helpCommand(false)
    .allowExcessArguments(false);
  // Commands may declare the same flag with their own text (save's and site's --out): parse it once.
  const seen = new Set<string>();
  for (const spec of ALL_FLAGS) {
    if (seen.has(spec.flags)) continue;
    seen.add(spec.flags);
    program.addOption(toCommanderOption(spec));
  }
  program.argument("[command...]").action((args: string[]) => {
    capture.args = args;
  });
  for (const { name, args } of COMMANDS) {
    const sub = program
      .command(name)
      .exitOverride()
      .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
      .helpOption(false)
      .allowExcessArguments(false);
    for (const arg of args) sub.argument(arg);
    sub.action((...received: unknown[]) => {
      capture.command = name;
      capture.args = received.slice(0, args.length).filter((v): v is string => typeof v === "string");
    });
  }

  try {
    program.parse([...argv], { from: "user" });
  } catch (err) {
    if (err instanceof CommanderError) {
      const command = capture.command ?? argv.find(isCommandName);
      throw new UsageError(err.message.replace(/^error: /, ""), {
        hint: `see '${PROGRAM}${command ? ` ${command}` : ""} --help'`,
      });
    }
    throw err;
  }

  if (capture.command === undefined && capture.args.length > 0) {
    const word = capture.args[0]!;
    const guess = COMMANDS.find(({ name }) => closeTo(word, name))?.name;
    throw new UsageError(
      `unknown command "${word}"; use ${COMMAND_CHOICES}${guess ? ` (did you mean ${guess}?)` : ""}`,
      { hint: `see '${PROGRAM} --help'` },
    );
  }

  const values = program.opts();
  const given = new Set<string>();
  for (const spec of ALL_FLAGS) {
    if (program.getOptionValueSource(spec.key) === "cli") given.add(spec.key);
  }
  return { command: capture.command, parsed: { args: capture.args, values, given, specs: ALL_FLAGS } };
}

function toCommanderOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags);
  if (spec.repeatable) {
    option.argParser((value: string, previous: unknown) => [
      ...(Array.isArray(previous) ? previous : []),
      value,
    ]);
  }
  return option;
}

/** Edit distance ≤ 2, or one is a prefix of the other. */
function closeTo(a: string, b: string): boolean {
  if (a.length >= 2 && (b.startsWith(a) || a.startsWith(b))) return true;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
    }
  }
  return d[a.length]![b.length]! <= 2;
}

function commandFromEnv(env: Env): CommandName {
  const operation = envValue(env, "OPERATION");
  if (operation === undefined) {
    throw new UsageError(`no command given: use ${COMMAND_CHOICES}, or set OPERATION=save or restore`, {
      hint: `see '${PROGRAM} --help'`,
    });
  }
  const name = operation.toLowerCase();
  if (isCommandName(name)) return name;
  throw new UsageError(`OPERATION is "${operation}"; use save or restore (or verify)`);
}
