// One table of flags, shared by the parser (config.ts) and the help texts
// (help.ts), so the two cannot drift apart.

import { ENTITY_NAMES } from "../entities/names.js";
import {
  type CommandName,
  DEFAULT_CONCURRENCY,
  IMPORT_API_MODES,
  LABEL_CONFLICT_STRATEGIES,
  MAX_CONCURRENCY,
} from "./config-types.js";

export interface OptionSpec {
  /** Commander's attribute name for the value. */
  key: string;
  /** Commander flags, e.g. "-o, --out <dir>". */
  flags: string;
  /** How help shows the flag, when it differs from `flags`. */
  display?: string;
  commands: readonly CommandName[];
  description: string;
  /** The environment variable that supplies the value when the flag is absent. */
  env?: string;
  /** Repeatable: values accumulate into a list. */
  repeatable?: boolean;
  /** Not listed in help (the other half of a --x/--no-x pair). */
  hidden?: boolean;
}

const REMOTE: readonly CommandName[] = ["save", "restore"];
const ALL_COMMANDS: readonly CommandName[] = ["save", "restore", "verify"];

export const OPTIONS: readonly OptionSpec[] = [
  // save
  {
    key: "out",
    flags: "-o, --out <dir>",
    commands: ["save"],
    env: "DATA_PATH",
    description: "Backup folder to write (default: ./<repo>-backup)",
  },
  {
    key: "resume",
    flags: "--resume",
    commands: ["save"],
    env: "RESUME",
    description: "Continue an interrupted save in the same folder",
  },
  // restore
  {
    key: "labelConflict",
    flags: "--label-conflict <strategy>",
    commands: ["restore"],
    env: "LABEL_CONFLICT_STRATEGY",
    description: `When labels already exist: {${LABEL_CONFLICT_STRATEGIES.join("|")}} (default: skip)`,
  },
  {
    key: "createRepo",
    flags: "--create-repo",
    display: "--[no-]create-repo",
    commands: ["restore"],
    env: "CREATE_REPOSITORY_IF_MISSING",
    description: "Create the target repository when it does not exist (default: true)",
  },
  { key: "createRepo", flags: "--no-create-repo", commands: ["restore"], description: "", hidden: true },
  {
    key: "visibility",
    flags: "--visibility <visibility>",
    commands: ["restore"],
    env: "REPOSITORY_VISIBILITY",
    description: "Visibility of a created repository: {public|private} (default: private)",
  },
  {
    key: "dryRun",
    flags: "--dry-run",
    commands: ["restore"],
    env: "DRY_RUN",
    description: "Report what would be created, change nothing",
  },
  {
    key: "importApi",
    flags: "--import-api <mode>",
    commands: ["restore"],
    env: "IMPORT_API",
    description: `Issue import API, which keeps dates: {${IMPORT_API_MODES.join("|")}} (default: auto)`,
  },
  {
    key: "state",
    flags: "--state <path>",
    commands: ["restore"],
    env: "RESTORE_STATE_PATH",
    description: "Restore progress file, so a rerun continues where it stopped (default: in --state-dir)",
  },
  {
    key: "stateDir",
    flags: "--state-dir <dir>",
    commands: ["restore"],
    env: "GITHUB_DATA_STATE_DIR",
    description: "Per-user state folder (default: $XDG_STATE_HOME/github-data or ~/.local/state/github-data)",
  },
  // save and restore
  {
    key: "include",
    flags: "--include <list>",
    commands: REMOTE,
    repeatable: true,
    description: "Only these entities, comma-separated (see ENTITIES)",
  },
  {
    key: "exclude",
    flags: "--exclude <list>",
    commands: REMOTE,
    repeatable: true,
    description: "Leave out these entities, comma-separated",
  },
  {
    key: "issues",
    flags: "--issues <spec>",
    commands: REMOTE,
    env: "INCLUDE_ISSUES",
    description: 'Only these issue numbers, e.g. "1-5 10,12" (default: all)',
  },
  {
    key: "pullRequests",
    flags: "--pull-requests <spec>",
    commands: REMOTE,
    env: "INCLUDE_PULL_REQUESTS",
    description: 'Only these pull request numbers, e.g. "1-5 10" (default: all)',
  },
  {
    key: "apiUrl",
    flags: "--api-url <url>",
    commands: REMOTE,
    env: "GITHUB_API_URL",
    description: "REST API base URL, https://HOST/api/v3 for GHES (default: https://api.github.com)",
  },
  {
    key: "graphqlUrl",
    flags: "--graphql-url <url>",
    commands: REMOTE,
    env: "GITHUB_GRAPHQL_URL",
    description: "GraphQL endpoint (default: derived from --api-url)",
  },
  {
    key: "concurrency",
    flags: "--concurrency <n>",
    commands: REMOTE,
    env: "CONCURRENCY",
    description: `Requests in flight at most, 1-${MAX_CONCURRENCY} (default: ${DEFAULT_CONCURRENCY})`,
  },
  // every command
  {
    key: "logFormat",
    flags: "--log-format <format>",
    commands: ALL_COMMANDS,
    env: "LOG_FORMAT",
    description: "Progress and log output on stderr: {text|json} (default: text)",
  },
  {
    key: "quiet",
    flags: "-q, --quiet",
    commands: ALL_COMMANDS,
    description: "Print only warnings, errors and a one-line summary",
  },
  {
    key: "verbose",
    flags: "--verbose",
    commands: ALL_COMMANDS,
    env: "LOG_LEVEL",
    description: "Print debug logs (LOG_LEVEL=DEBUG)",
  },
];

/** Flags that take a value (the next argument unless written --flag=value). */
export function takesValue(spec: OptionSpec): boolean {
  return spec.flags.includes("<");
}

/** The long flag name, e.g. "--out". */
export function longFlag(spec: OptionSpec): string {
  const match = /--[a-z-]+/.exec(spec.flags);
  return match ? match[0] : spec.flags;
}

export function optionsFor(command: CommandName): OptionSpec[] {
  return OPTIONS.filter((spec) => spec.commands.includes(command));
}

export const ENTITY_LIST = ENTITY_NAMES.join(", ");
