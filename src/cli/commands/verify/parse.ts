// `github-data verify` settings from the command line and the environment.

import { UsageError } from "../../../errors.js";
import { type Env, envValue, missing, nonEmptyPath, type ParsedArgv } from "../../args.js";
import type { OutputSettings } from "../../output.js";
import type { VerifyCommand } from "./types.js";

export function resolveVerify(parsed: ParsedArgv, env: Env, output: OutputSettings): VerifyCommand {
  if (parsed.args.length > 1) throw new UsageError("verify takes one argument: DIR");
  const dirArg = parsed.args[0];
  const dirText = dirArg ?? envValue(env, "DATA_PATH");
  if (dirText === undefined) throw missing("DIR", "verify", "verify DIR", "DATA_PATH");
  return {
    command: "verify",
    ...output,
    dir: nonEmptyPath(dirText, dirArg !== undefined ? "DIR" : "DATA_PATH"),
  };
}
