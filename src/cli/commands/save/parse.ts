// `github-data save` settings from the command line and the environment.

import { UsageError } from "../../../errors.js";
import { booleanSetting, type Env, nonEmptyPath, type ParsedArgv, pick } from "../../args.js";
import type { OutputSettings } from "../../output.js";
import { assemble, resolveRemote } from "../../remote.js";
import type { SaveCommand } from "./types.js";

export function resolveSave(parsed: ParsedArgv, env: Env, output: OutputSettings): SaveCommand {
  if (parsed.args.length > 1) throw new UsageError("save takes one argument: OWNER/REPO");
  const remote = resolveRemote(parsed, env, "save", parsed.args[0], "save OWNER/REPO");
  const out = pick(parsed, env, "out", "DATA_PATH");
  const outDir = out ? nonEmptyPath(out.value, out.source) : `./${remote.settings.repo.repo}-backup`;
  const resume = booleanSetting(parsed, env, "resume", "RESUME", false);
  const incremental = booleanSetting(parsed, env, "incremental", "INCREMENTAL", false);
  const verifyFull = booleanSetting(parsed, env, "verifyFull", "VERIFY_FULL", false);
  if (verifyFull && !incremental) {
    throw new UsageError("--verify-full compares with the save in --out: use it with --incremental");
  }
  return assemble<SaveCommand>(remote, {
    command: "save",
    ...output,
    outDir,
    resume,
    incremental,
    verifyFull,
  });
}
