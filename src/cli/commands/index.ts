// The command handlers the executable runs, each importing its command's
// module on first call: a run loads only what its own command needs (a save
// never loads the restore and verify code, and none loads what another needs).
import type { CommandHandlers } from "../run-cli.js";

export const lazyCommandHandlers: CommandHandlers = {
  save: async (config, context) => (await import("./save.js")).saveCommand(config, context),
  restore: async (config, context) => (await import("./restore.js")).restoreCommand(config, context),
  verify: async (config, context) => (await import("./verify.js")).verifyCommand(config, context),
  site: async (config, context) => (await import("./site.js")).siteCommand(config, context),
};
