// Turns argv and the environment into one validated command. Pure: argv and
// env are parameters, nothing here touches the process, and every problem is
// reported up front as a one-line error (exit code 2).

import { Command, CommanderError, Option } from "commander";
import { resolveEntities } from "../selection/entities.js";
import type { LogLevel } from "../util/logger.js";
import { parseBoolean } from "./booleans.js";
import {
  type CommandName,
  DEFAULT_CONCURRENCY,
  IMPORT_API_MODES,
  LABEL_CONFLICT_STRATEGIES,
  LOG_FORMATS,
  MAX_CONCURRENCY,
  type OutputSettings,
  type RemoteSettings,
  type ResolvedCommand,
  type RestoreCommand,
  type SaveCommand,
  type VerifyCommand,
  VISIBILITIES,
} from "./config-types.js";
import { ConfigError, UsageError } from "./errors.js";
import { helpText, PROGRAM } from "./help.js";
import { longFlag, OPTIONS, type OptionSpec, takesValue } from "./options.js";
import { parseRepoRef } from "./repo-ref.js";
import { DEFAULT_API_URL, deriveGraphqlUrl, parseApiUrl } from "./urls.js";
import { VERSION } from "./version.js";

export type Env = Readonly<Record<string, string | undefined>>;

const COMMANDS: readonly CommandName[] = ["save", "restore", "verify"];

function isCommandName(value: string): value is CommandName {
  return (COMMANDS as readonly string[]).includes(value);
}

/** Resolves argv (without the node and script paths) and the environment into a validated command. */
export function resolveConfig(argv: readonly string[], env: Env): ResolvedCommand {
  const early = scanEarly(argv);
  if (early) return early;

  const parsed = parseArgv(argv);
  const command = parsed.command ?? commandFromEnv(env);
  for (const spec of OPTIONS) {
    if (parsed.given.has(spec.key) && !spec.commands.includes(command) && !spec.hidden) {
      throw new UsageError(`${longFlag(spec)} applies to ${spec.commands.join(" and ")}, not to ${command}`, {
        hint: `see '${PROGRAM} ${command} --help'`,
      });
    }
  }
  const output = resolveOutput(parsed, env);
  switch (command) {
    case "save":
      return resolveSave(parsed, env, output);
    case "restore":
      return resolveRestore(parsed, env, output);
    case "verify":
      return resolveVerify(parsed, env, output);
  }
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
      const spec = OPTIONS.find((s) => longFlag(s) === arg || s.flags.startsWith(`${arg},`));
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
  if (version) return { command: "version", text: `${PROGRAM} ${VERSION}\n` };
  return undefined;
}

interface ParsedArgv {
  command: CommandName | undefined;
  args: string[];
  values: Record<string, unknown>;
  /** Option keys given on the command line. */
  given: Set<string>;
}

function parseArgv(argv: readonly string[]): ParsedArgv {
  const capture: { command: CommandName | undefined; args: string[] } = { command: undefined, args: [] };
  const program = new Command(PROGRAM)
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {}, outputError: () => {} })
    .helpOption(false)
    .helpCommand(false)
    .allowExcessArguments(false);
  for (const spec of OPTIONS) program.addOption(toCommanderOption(spec));
  program.argument("[command...]").action((args: string[]) => {
    capture.args = args;
  });
  const subcommands: Array<[CommandName, string[]]> = [
    ["save", ["[repo]"]],
    ["restore", ["[dir]", "[repo]"]],
    ["verify", ["[dir]"]],
  ];
  for (const [name, args] of subcommands) {
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
    const guess = COMMANDS.find((name) => closeTo(word, name));
    throw new UsageError(
      `unknown command "${word}"; use save, restore or verify${guess ? ` (did you mean ${guess}?)` : ""}`,
      { hint: `see '${PROGRAM} --help'` },
    );
  }

  const values = program.opts();
  const given = new Set<string>();
  for (const spec of OPTIONS) {
    if (program.getOptionValueSource(spec.key) === "cli") given.add(spec.key);
  }
  return { command: capture.command, args: capture.args, values, given };
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
    throw new UsageError("no command given: use save, restore or verify, or set OPERATION=save or restore", {
      hint: `see '${PROGRAM} --help'`,
    });
  }
  const name = operation.toLowerCase();
  if (isCommandName(name)) return name;
  throw new UsageError(`OPERATION is "${operation}"; use save or restore (or verify)`);
}

/** A variable's trimmed value; empty counts as unset. */
function envValue(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function flagString(parsed: ParsedArgv, key: string): string | undefined {
  const value = parsed.values[key];
  return typeof value === "string" ? value : undefined;
}

function flagList(parsed: ParsedArgv, key: string): string[] | undefined {
  const value = parsed.values[key];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

function flagBoolean(parsed: ParsedArgv, key: string): boolean | undefined {
  if (!parsed.given.has(key)) return undefined;
  return parsed.values[key] === true;
}

/** A flag's string value, else the variable's, with the name of whichever was used. */
function pick(
  parsed: ParsedArgv,
  env: Env,
  key: string,
  variable: string,
): { value: string; source: string } | undefined {
  const flag = flagString(parsed, key);
  const spec = OPTIONS.find((s) => s.key === key);
  if (flag !== undefined) return { value: flag, source: spec ? longFlag(spec) : `--${key}` };
  const value = envValue(env, variable);
  return value === undefined ? undefined : { value, source: variable };
}

function choice<T extends string>(value: string, choices: readonly T[], source: string): T {
  const found = choices.find((c) => c === value.trim().toLowerCase());
  if (found) return found;
  throw new UsageError(`${source}: "${value}" is not one of ${choices.join(", ")}`);
}

function booleanSetting(
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

const LOG_LEVELS: Readonly<Record<string, LogLevel>> = {
  debug: "debug",
  info: "info",
  warn: "warn",
  warning: "warn",
  error: "error",
  critical: "error",
};
const LEVEL_ORDER: readonly LogLevel[] = ["debug", "info", "warn", "error"];

function resolveOutput(parsed: ParsedArgv, env: Env): OutputSettings {
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

function missing(what: string, command: CommandName, usage: string, variable: string): UsageError {
  return new UsageError(`${command}: missing ${what}; write '${PROGRAM} ${usage}' or set ${variable}`);
}

interface RemoteResolution {
  settings: Omit<RemoteSettings, "token">;
  token: string;
  warnings: string[];
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a.trim()).origin === new URL(b).origin;
  } catch {
    // Unreadable: let parseApiUrl report it.
    return true;
  }
}

function resolveRemote(
  parsed: ParsedArgv,
  env: Env,
  command: "save" | "restore",
  repoArg: string | undefined,
  usage: string,
): RemoteResolution {
  const repoSource = repoArg !== undefined ? "OWNER/REPO" : "GITHUB_REPO";
  const repoText = repoArg ?? envValue(env, "GITHUB_REPO");
  if (repoText === undefined) throw missing("OWNER/REPO", command, usage, "GITHUB_REPO");
  const repo = parseRepoRef(repoText, repoSource);

  const api = pick(parsed, env, "apiUrl", "GITHUB_API_URL");
  const apiUrl = api ? parseApiUrl(api.value, api.source) : DEFAULT_API_URL;
  // GitHub Actions always sets GITHUB_GRAPHQL_URL; when --api-url points
  // elsewhere, or the variable names another server than a given REST base (a
  // github.com value left next to an Enterprise GITHUB_API_URL), it belongs
  // to the other server, so derive instead.
  const graphqlFlag = flagString(parsed, "graphqlUrl");
  const graphqlEnvText = api?.source === "--api-url" ? undefined : envValue(env, "GITHUB_GRAPHQL_URL");
  const graphqlEnv =
    graphqlEnvText !== undefined && (api === undefined || sameOrigin(graphqlEnvText, apiUrl))
      ? graphqlEnvText
      : undefined;
  const graphqlUrl =
    graphqlFlag !== undefined
      ? parseApiUrl(graphqlFlag, "--graphql-url")
      : graphqlEnv !== undefined
        ? parseApiUrl(graphqlEnv, "GITHUB_GRAPHQL_URL")
        : deriveGraphqlUrl(apiUrl);

  const concurrencyText = pick(parsed, env, "concurrency", "CONCURRENCY");
  const concurrency = concurrencyText
    ? parseConcurrency(concurrencyText.value, concurrencyText.source)
    : DEFAULT_CONCURRENCY;

  const selection = resolveEntities({
    include: flagList(parsed, "include"),
    exclude: flagList(parsed, "exclude"),
    issues: flagString(parsed, "issues"),
    pullRequests: flagString(parsed, "pullRequests"),
    env,
  });

  const { token, tokenSource } = resolveToken(env, command);
  return {
    settings: {
      repo,
      tokenSource,
      apiUrl,
      graphqlUrl,
      concurrency,
      entities: selection.entities,
      issues: selection.issues,
      pullRequests: selection.pullRequests,
    },
    token,
    warnings: selection.warnings,
  };
}

/**
 * Assembles a save/restore command. The token becomes a non-enumerable
 * property, so JSON.stringify, inspect and test snapshots never show it.
 */
function assemble<T extends RemoteSettings & OutputSettings>(
  remote: RemoteResolution,
  rest: Omit<T, keyof RemoteSettings>,
): T {
  const result = { ...rest, ...remote.settings, warnings: [...rest.warnings, ...remote.warnings] };
  Object.defineProperty(result, "token", { value: remote.token, enumerable: false, writable: false });
  return result as unknown as T;
}

function resolveToken(env: Env, command: CommandName): Pick<RemoteSettings, "token" | "tokenSource"> {
  for (const name of ["GITHUB_TOKEN", "GH_TOKEN"] as const) {
    const token = envValue(env, name);
    if (token === undefined) continue;
    // Never echo the value: it is a secret even when malformed.
    if (/[\s\p{Cc}]/u.test(token)) throw new ConfigError(`${name} contains spaces or control characters`);
    return { token, tokenSource: name };
  }
  throw new ConfigError(
    `${command} needs a GitHub token: set GITHUB_TOKEN or GH_TOKEN (a token is never accepted as a flag)`,
  );
}

function parseConcurrency(value: string, source: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
    throw new UsageError(`${source}: "${value}" is not a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  return n;
}

function nonEmptyPath(value: string, source: string): string {
  if (value.trim() === "") throw new UsageError(`${source}: the path is empty`);
  return value;
}

function resolveSave(parsed: ParsedArgv, env: Env, output: OutputSettings): SaveCommand {
  if (parsed.args.length > 1) throw new UsageError("save takes one argument: OWNER/REPO");
  const remote = resolveRemote(parsed, env, "save", parsed.args[0], "save OWNER/REPO");
  const out = pick(parsed, env, "out", "DATA_PATH");
  const outDir = out ? nonEmptyPath(out.value, out.source) : `./${remote.settings.repo.repo}-backup`;
  const resume = booleanSetting(parsed, env, "resume", "RESUME", false);
  return assemble<SaveCommand>(remote, { command: "save", ...output, outDir, resume });
}

function resolveRestore(parsed: ParsedArgv, env: Env, output: OutputSettings): RestoreCommand {
  const [dirArg, repoArg] = parsed.args;
  const dirText = dirArg ?? envValue(env, "DATA_PATH");
  if (dirText === undefined) throw missing("DIR", "restore", "restore DIR OWNER/REPO", "DATA_PATH");
  const dir = nonEmptyPath(dirText, dirArg !== undefined ? "DIR" : "DATA_PATH");
  const remote = resolveRemote(parsed, env, "restore", repoArg, "restore DIR OWNER/REPO");

  const label = pick(parsed, env, "labelConflict", "LABEL_CONFLICT_STRATEGY");
  const visibility = pick(parsed, env, "visibility", "REPOSITORY_VISIBILITY");
  const importApi = pick(parsed, env, "importApi", "IMPORT_API");
  const state = pick(parsed, env, "state", "RESTORE_STATE_PATH");
  const stateDir = pick(parsed, env, "stateDir", "GITHUB_DATA_STATE_DIR");
  return assemble<RestoreCommand>(remote, {
    command: "restore",
    ...output,
    dir,
    labelConflict: label ? choice(label.value, LABEL_CONFLICT_STRATEGIES, label.source) : "skip",
    createRepo: booleanSetting(parsed, env, "createRepo", "CREATE_REPOSITORY_IF_MISSING", true),
    visibility: visibility ? choice(visibility.value, VISIBILITIES, visibility.source) : "private",
    dryRun: booleanSetting(parsed, env, "dryRun", "DRY_RUN", false),
    importApi: importApi ? choice(importApi.value, IMPORT_API_MODES, importApi.source) : "auto",
    statePath: state ? nonEmptyPath(state.value, state.source) : null,
    stateDir: stateDir ? nonEmptyPath(stateDir.value, stateDir.source) : null,
  });
}

function resolveVerify(parsed: ParsedArgv, env: Env, output: OutputSettings): VerifyCommand {
  if (parsed.args.length > 1) throw new UsageError("verify takes one argument: DIR");
  const dirArg = parsed.args[0];
  const dirText = dirArg ?? envValue(env, "DATA_PATH");
  if (dirText === undefined) throw missing("DIR", "verify", "verify DIR", "DATA_PATH");
  return {
    command: "verify",
    ...output,
    dir: nonEmptyPath(dirText, dirArg !== undefined ? "DIR" : "DATA_PATH"),
  };
}
