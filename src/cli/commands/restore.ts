// `github-data restore DIR OWNER/REPO` (wired to the restore use case).
import type { RestoreCommand } from "../config-types.js";
import { InputError } from "../errors.js";
import type { CommandContext } from "../run-cli.js";

export async function restoreCommand(_cfg: RestoreCommand, _ctx: CommandContext): Promise<number> {
  throw new InputError("restore is not available yet");
}
