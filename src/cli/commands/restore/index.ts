// `github-data restore DIR OWNER/REPO`: everything the command line knows about it.

import type { CommandSpec } from "../../command-spec.js";
import { RESTORE_FLAGS } from "./flags.js";
import { restoreHelp } from "./help.js";
import { resolveRestore } from "./parse.js";
import type { RestoreCommand } from "./types.js";

export const restore: CommandSpec<RestoreCommand> = {
  name: "restore",
  summary: "Restore a backup folder into a repository",
  args: ["[dir]", "[repo]"],
  flags: RESTORE_FLAGS,
  help: restoreHelp,
  resolve: resolveRestore,
  run: async (config, context) => (await import("./run.js")).restoreCommand(config, context),
};
