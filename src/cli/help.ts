// Help texts in the style of the gh CLI: description, USAGE, FLAGS,
// ENVIRONMENT, EXAMPLES, EXIT CODES, LEARN MORE.

import { ENTITY_NAMES } from "../entities/names.js";
import { ENTITY_ENV_VARS, ENTITY_PARENT } from "../selection/entities.js";
import type { CommandName } from "./config-types.js";
import { type OptionSpec, optionsFor } from "./options.js";

export const PROGRAM = "github-data";

type Row = [string, string];

const LINE_WIDTH = 100;

/** Two columns; the right one wraps at LINE_WIDTH under itself. */
function table(rows: readonly Row[], indent = "  "): string {
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

function section(title: string, body: string): string {
  return `${title}\n${body}`;
}

function flagRows(specs: readonly OptionSpec[]): Row[] {
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

const TOKEN_ROWS: Row[] = [
  [
    "GITHUB_TOKEN, GH_TOKEN",
    "Token for the GitHub API (GITHUB_TOKEN wins when both are set). There is no --token flag on " +
      "purpose: a token on the command line leaks into shell history and process lists.",
  ],
];

const EXIT_CODES = table([
  ["0", "every requested job succeeded"],
  ["1", "the run finished, but at least one job failed (the others' output is complete)"],
  ["2", "usage, configuration, authentication or input error; nothing was written"],
  ["130", "interrupted (continue a save with --resume)"],
]);

function entitiesSection(): string {
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

function remoteEnvRows(command: "save" | "restore"): Row[] {
  const rows: Row[] = [
    ...TOKEN_ROWS,
    ["GITHUB_REPO", "OWNER/REPO, when not given as an argument"],
    [
      "DATA_PATH",
      command === "save" ? "Backup folder, when --out is not given" : "Backup folder, when DIR is not given",
    ],
  ];
  for (const spec of optionsFor(command)) {
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

const LEARN_MORE = section(
  "LEARN MORE",
  `  Use \`${PROGRAM} <command> --help\` for more information about a command.\n` +
    "  The backup folder format is described in docs/ of the github-data package.",
);

function rootHelp(): string {
  return [
    "Save a GitHub repository's labels, milestones, issues, pull requests, reviews, releases and git\n" +
      "history into a folder you can check and keep, and restore it into another repository.",
    section("USAGE", `  ${PROGRAM} <command> [flags]`),
    section(
      "COMMANDS",
      table([
        ["save:", "Save a repository into a backup folder"],
        ["restore:", "Restore a backup folder into a repository"],
        ["verify:", "Check a backup folder: schema, counts, checksums"],
        ["site:", "Write a backup folder as a static HTML site that opens offline"],
      ]),
    ),
    section(
      "FLAGS",
      table([
        ["-h, --help", "Show help for command"],
        ["    --version", "Show the version"],
      ]),
    ),
    section(
      "ENVIRONMENT",
      `${table([
        [
          "OPERATION",
          "save or restore: runs that command when none is given on the command line, configured by " +
            "GITHUB_REPO, DATA_PATH and the other variables (the Python tool's names)",
        ],
        ...TOKEN_ROWS,
      ])}\n  Every flag has a variable too; see \`${PROGRAM} save --help\` and \`${PROGRAM} restore --help\`.`,
    ),
    section(
      "EXAMPLES",
      [
        "  $ export GITHUB_TOKEN=...",
        `  $ ${PROGRAM} save octocat/hello-world --out ./hello-world-backup`,
        `  $ ${PROGRAM} verify ./hello-world-backup`,
        `  $ ${PROGRAM} restore ./hello-world-backup octocat/hello-world-copy`,
        `  $ OPERATION=save GITHUB_REPO=octocat/hello-world DATA_PATH=/data ${PROGRAM}`,
      ].join("\n"),
    ),
    section("EXIT CODES", EXIT_CODES),
    LEARN_MORE,
  ].join("\n\n");
}

function saveHelp(): string {
  return [
    "Save a repository's metadata into a backup folder: one JSON Lines file per entity, release asset\n" +
      "files, a bare git mirror, and manifest.json (written last, with counts and checksums).\n" +
      "Independent entities are fetched at the same time; a job that fails does not stop the others.",
    section("USAGE", `  ${PROGRAM} save OWNER/REPO [--out DIR] [flags]`),
    section("FLAGS", table(flagRows(optionsFor("save")))),
    entitiesSection(),
    section("ENVIRONMENT", table(remoteEnvRows("save"))),
    section(
      "EXAMPLES",
      [
        "  # Everything, into ./hello-world-backup",
        `  $ ${PROGRAM} save octocat/hello-world`,
        "",
        "  # Only issues 1-50 with their comments, from GitHub Enterprise Server",
        `  $ ${PROGRAM} save acme/tool --include issues,issue_comments --issues 1-50 \\`,
        "      --api-url https://github.acme.com/api/v3",
        "",
        "  # Continue after Ctrl-C or a crash",
        `  $ ${PROGRAM} save octocat/hello-world --resume`,
      ].join("\n"),
    ),
    section("EXIT CODES", EXIT_CODES),
    LEARN_MORE,
  ].join("\n\n");
}

function restoreHelp(): string {
  return [
    "Restore a backup folder into a repository, creating the repository when it is missing.\n" +
      "Run with --dry-run first to see what would be created.",
    section("USAGE", `  ${PROGRAM} restore DIR OWNER/REPO [flags]`),
    section("FLAGS", table(flagRows(optionsFor("restore")))),
    entitiesSection(),
    section("ENVIRONMENT", table(remoteEnvRows("restore"))),
    section(
      "EXAMPLES",
      [
        "  # See what would be created",
        `  $ ${PROGRAM} restore ./hello-world-backup octocat/hello-world-copy --dry-run`,
        "",
        "  # Restore labels and milestones only, replacing existing labels",
        `  $ ${PROGRAM} restore ./backup acme/new --include labels,milestones --label-conflict overwrite`,
      ].join("\n"),
    ),
    section("EXIT CODES", EXIT_CODES),
    LEARN_MORE,
  ].join("\n\n");
}

function verifyHelp(): string {
  return [
    "Check a backup folder without network access: each file against its JSON Schema, and record\n" +
      "counts and SHA-256 checksums against manifest.json. No token is needed.",
    section("USAGE", `  ${PROGRAM} verify DIR [flags]`),
    section("FLAGS", table(flagRows(optionsFor("verify")))),
    section(
      "ENVIRONMENT",
      table([
        ["DATA_PATH", "Backup folder, when DIR is not given"],
        ["LOG_FORMAT", "Same as --log-format"],
        ["LOG_LEVEL", "DEBUG, INFO, WARNING or ERROR (default: INFO)"],
        ["NO_COLOR", "Set to anything to turn colors off"],
      ]),
    ),
    section("EXAMPLES", `  $ ${PROGRAM} verify ./hello-world-backup`),
    section(
      "EXIT CODES",
      table([
        ["0", "the folder is a complete, intact backup"],
        ["1", "the folder has problems (each is listed)"],
        ["2", "usage error, or DIR is not a backup folder"],
      ]),
    ),
    LEARN_MORE,
  ].join("\n\n");
}

function siteHelp(): string {
  return [
    "Write a backup folder as a static HTML site: SITE/index.html opens from file:// in any browser,\n" +
      "with no server and no network request. The backup is verified first. No token is needed.",
    section("USAGE", `  ${PROGRAM} site DIR --out SITE [flags]`),
    section("FLAGS", table(flagRows(optionsFor("site")))),
    section("EXAMPLES", `  $ ${PROGRAM} site ./hello-world-backup --out ./hello-world-site`),
    section(
      "EXIT CODES",
      table([
        ["0", "the site was written"],
        ["2", "usage error, or DIR or SITE is unusable; nothing was written"],
      ]),
    ),
    LEARN_MORE,
  ].join("\n\n");
}

/** Help text for a command, or the overview when `command` is undefined. Ends with a newline. */
export function helpText(command?: CommandName): string {
  const text =
    command === "save"
      ? saveHelp()
      : command === "restore"
        ? restoreHelp()
        : command === "verify"
          ? verifyHelp()
          : command === "site"
            ? siteHelp()
            : rootHelp();
  return `${text}\n`;
}
