// `github-data site` settings from the command line and the environment.

import { UsageError } from "../../../errors.js";
import { type Env, envValue, flagString, missing, nonEmptyPath, type ParsedArgv } from "../../args.js";
import type { OutputSettings } from "../../output.js";
import type { SiteCommand } from "./types.js";

export function resolveSite(parsed: ParsedArgv, env: Env, output: OutputSettings): SiteCommand {
  if (parsed.args.length > 1) throw new UsageError("site takes one argument: DIR");
  const dirArg = parsed.args[0];
  const dirText = dirArg ?? envValue(env, "DATA_PATH");
  if (dirText === undefined) throw missing("DIR", "site", "site DIR --out SITE", "DATA_PATH");
  const out = flagString(parsed, "out");
  if (out === undefined) throw new UsageError("site: missing --out SITE (the folder to write the site into)");
  return {
    command: "site",
    ...output,
    dir: nonEmptyPath(dirText, dirArg !== undefined ? "DIR" : "DATA_PATH"),
    out: nonEmptyPath(out, "--out"),
  };
}
