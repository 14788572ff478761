// The help text of `github-data site`.

import { PROGRAM } from "../../args.js";
import { flagRows, LEARN_MORE, section, table } from "../../help-format.js";
import { SITE_FLAGS } from "./flags.js";

export function siteHelp(): string {
  return [
    "Write a backup folder as a static HTML site: SITE/index.html opens from file:// in any browser,\n" +
      "with no server and no network request. The backup is verified first. No token is needed.",
    section("USAGE", `  ${PROGRAM} site DIR --out SITE [flags]`),
    section("FLAGS", table(flagRows(SITE_FLAGS))),
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
