// `github-data site DIR --out SITE`: everything the command line knows about it.

import type { CommandSpec } from "../../command-spec.js";
import { SITE_FLAGS } from "./flags.js";
import { siteHelp } from "./help.js";
import { resolveSite } from "./parse.js";
import type { SiteCommand } from "./types.js";

export const site: CommandSpec<SiteCommand> = {
  name: "site",
  summary: "Write a backup folder as a static HTML site that opens offline",
  args: ["[dir]"],
  flags: SITE_FLAGS,
  help: siteHelp,
  resolve: resolveSite,
  run: async (config, context) => (await import("./run.js")).siteCommand(config, context),
};
