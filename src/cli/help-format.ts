// The pieces every help text is built from, in the style of the gh CLI:
// description, USAGE, FLAGS, ENVIRONMENT, EXAMPLES, EXIT CODES, LEARN MORE.
// Each command writes its own text (src/cli/commands/<command>/help.ts).

import { ENTITY_NAMES } from "../entities/names.js";
import { ENTITY_ENV_VARS, ENTITY_PARENT } from "../selection/entities.js";
import { PROGRAM } from "./args.js";
import type { OptionSpec } from "./flags.js";

type Row = [string, string];

const LINE_WIDTH = 100;

/** Two columns; the right one wraps at LINE_WIDTH under itself. */
export function table(rows: readonly Row[], indent = "  "): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  const gap = "   ";
  const room = Math.max(30, LINE_WIDTH - indent.length - width - gap.length);
  const lines: string[] = [];
  for (const [left, right] of rows) {
    const wrapped = wrap(right, room);
    lines.push(`${indent}${left.padEnd(width)}${gap}${wrapped[0] ?? ""}`.trimEnd());
    for (const more of wrapped.slice(1)) lines.push(`${indent}${" ".repeat(width)}${gap}${more}`);
  }
  return lines.join("\n");
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

export function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

export function flagRows(specs: readonly OptionSpec[]): Row[] {
  const rows: Row[] = specs
    .filter((spec) => !spec.hidden)
    .map((spec) => {
      const flags = spec.display ?? spec.flags;
      const shown = flags.startsWith("--") ? `    ${flags}` : flags;
      return [shown, spec.description];
    });
  rows.push(["-h, --help", "Show help for command"]);
  return rows;
}

export const TOKEN_ROWS: Row[] = [
  [
    "GITHUB_TOKEN, GH_TOKEN",
    "Token for the GitHub API (GITHUB_TOKEN wins when both are set). There is no --token flag on " +
      "purpose: a token on the command line leaks into shell history and process lists.",
  ],
];

export const EXIT_CODES = table([
  ["0", "every requested job succeeded"],
  ["1", "the run finished, but at least one job failed (the others' output is complete)"],
  ["2", "usage, configuration, authentication or input error; nothing was written"],
  ["130", "interrupted (continue a save with --resume)"],
]);

export function entitiesSection(): string {
  const rows: Row[] = ENTITY_NAMES.map((name) => {
    const parent = ENTITY_PARENT[name];
    return [name, `${ENTITY_ENV_VARS[name]}${parent ? ` (child of ${parent})` : ""}`];
  });
  return section(
    "ENTITIES",
    `${table(rows)}\n\n` +
      "  Each INCLUDE_* variable takes true/yes/on/1 or false/no/off/0 (any case); INCLUDE_ISSUES and\n" +
      '  INCLUDE_PULL_REQUESTS also take numbers such as "1-5 10" (there a bare 1 means #1).\n' +
      "  --include replaces the INCLUDE_* choices, --exclude removes from them. A child whose parent is\n" +
      "  left out still runs for the parent's selection, with a warning.",
  );
}

/** ENVIRONMENT rows of a command that talks to GitHub, from its flags. */
export function remoteEnvRows(command: "save" | "restore", flags: readonly OptionSpec[]): Row[] {
  const rows: Row[] = [
    ...TOKEN_ROWS,
    ["GITHUB_REPO", "OWNER/REPO, when not given as an argument"],
    [
      "DATA_PATH",
      command === "save" ? "Backup folder, when --out is not given" : "Backup folder, when DIR is not given",
    ],
  ];
  for (const spec of flags) {
    if (!spec.env || spec.key === "out" || spec.key === "verbose") continue;
    rows.push([spec.env, `Same as ${longFlagOf(spec)}`]);
  }
  rows.push(["INCLUDE_*", "Entities to include, see ENTITIES"]);
  rows.push(["LOG_LEVEL", "DEBUG, INFO, WARNING or ERROR (default: INFO)"]);
  rows.push(["NO_COLOR", "Set to anything to turn colors off"]);
  return rows;
}

function longFlagOf(spec: OptionSpec): string {
  return (spec.display ?? spec.flags).replace(/^-\w, /, "").replace(/ <.*>$/, "");
}

export const LEARN_MORE = section(
  "LEARN MORE",
  `  Use \`${PROGRAM} <command> --help\` for more information about a command.\n` +
    "  The backup folder format is described in docs/ of the github-data package.",
);
