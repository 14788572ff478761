// The overview `github-data --help` prints, and the help text for a topic.

import { PROGRAM } from "./args.js";
import { COMMANDS, type CommandName, commandNamed } from "./commands/index.js";
import { EXIT_CODES, LEARN_MORE, section, TOKEN_ROWS, table } from "./help-format.js";

/** Help text for a command, or the overview when `command` is undefined. Ends with a newline. */
export function helpText(command?: CommandName): string {
  return `${command ? commandNamed(command).help() : overviewHelp()}\n`;
}

function overviewHelp(): string {
  return [
    "Save a GitHub repository's labels, milestones, issues, pull requests, reviews, releases and git\n" +
      "history into a folder you can check and keep, and restore it into another repository.",
    section("USAGE", `  ${PROGRAM} <command> [flags]`),
    section("COMMANDS", table(COMMANDS.map((command) => [`${command.name}:`, command.summary]))),
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
