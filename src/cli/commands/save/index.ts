// `github-data save OWNER/REPO`: everything the command line knows about it.

import type { CommandSpec } from "../../command-spec.js";
import { SAVE_FLAGS } from "./flags.js";
import { saveHelp } from "./help.js";
import { resolveSave } from "./parse.js";
import type { SaveCommand } from "./types.js";

export const save: CommandSpec<SaveCommand> = {
  name: "save",
  summary: "Save a repository into a backup folder",
  args: ["[repo]"],
  flags: SAVE_FLAGS,
  help: saveHelp,
  resolve: resolveSave,
  run: async (config, context) => (await import("./run.js")).saveCommand(config, context),
};
