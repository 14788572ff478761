// The help text of `github-data restore`.

import { PROGRAM } from "../../args.js";
import {
  EXIT_CODES,
  entitiesSection,
  flagRows,
  LEARN_MORE,
  remoteEnvRows,
  section,
  table,
} from "../../help-format.js";
import { RESTORE_FLAGS } from "./flags.js";

export function restoreHelp(): string {
  return [
    "Restore a backup folder into a repository, creating the repository when it is missing.\n" +
      "Run with --dry-run first to see what would be created.",
    section("USAGE", `  ${PROGRAM} restore DIR OWNER/REPO [flags]`),
    section("FLAGS", table(flagRows(RESTORE_FLAGS))),
    entitiesSection(),
    section("ENVIRONMENT", table(remoteEnvRows("restore", RESTORE_FLAGS))),
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
