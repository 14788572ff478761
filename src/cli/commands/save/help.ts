// The help text of `github-data save`.

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
import { SAVE_FLAGS } from "./flags.js";

export function saveHelp(): string {
  return [
    "Save a repository's metadata into a backup folder: one JSON Lines file per entity, release asset\n" +
      "files, a bare git mirror, and manifest.json (written last, with counts and checksums).\n" +
      "Independent entities are fetched at the same time; a job that fails does not stop the others.",
    section("USAGE", `  ${PROGRAM} save OWNER/REPO [--out DIR] [flags]`),
    section("FLAGS", table(flagRows(SAVE_FLAGS))),
    entitiesSection(),
    section("ENVIRONMENT", table(remoteEnvRows("save", SAVE_FLAGS))),
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
        "  # Every night: fetch only what changed since the last save into the same folder",
        `  $ ${PROGRAM} save octocat/hello-world --out backup --incremental`,
        "",
        "  # Now and then: the same, also comparing every comment, review and author",
        `  $ ${PROGRAM} save octocat/hello-world --out backup --incremental --verify-full`,
        "",
        "  # Continue after Ctrl-C or a crash",
        `  $ ${PROGRAM} save octocat/hello-world --resume`,
      ].join("\n"),
    ),
    section("EXIT CODES", EXIT_CODES),
    LEARN_MORE,
  ].join("\n\n");
}
