// `github-data verify DIR`: everything the command line knows about it.

import type { CommandSpec } from "../../command-spec.js";
import { VERIFY_FLAGS } from "./flags.js";
import { verifyHelp } from "./help.js";
import { resolveVerify } from "./parse.js";
import type { VerifyCommand } from "./types.js";

export const verify: CommandSpec<VerifyCommand> = {
  name: "verify",
  summary: "Check a backup folder: schema, counts, checksums",
  args: ["[dir]"],
  flags: VERIFY_FLAGS,
  help: verifyHelp,
  resolve: resolveVerify,
  run: async (config, context) => (await import("./run.js")).verifyCommand(config, context),
};
