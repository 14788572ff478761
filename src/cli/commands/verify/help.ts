// The help text of `github-data verify`.

import { PROGRAM } from "../../args.js";
import { flagRows, LEARN_MORE, section, table } from "../../help-format.js";
import { VERIFY_FLAGS } from "./flags.js";

export function verifyHelp(): string {
  return [
    "Check a backup folder without network access: each file against its JSON Schema, and record\n" +
      "counts and SHA-256 checksums against manifest.json. No token is needed.",
    section("USAGE", `  ${PROGRAM} verify DIR [flags]`),
    section("FLAGS", table(flagRows(VERIFY_FLAGS))),
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
