// `github-data restore` settings from the command line and the environment.

import { UsageError } from "../../../errors.js";
import {
  booleanSetting,
  choice,
  type Env,
  envValue,
  missing,
  nonEmptyPath,
  type ParsedArgv,
  pick,
} from "../../args.js";
import type { OutputSettings } from "../../output.js";
import { assemble, resolveRemote } from "../../remote.js";
import { IMPORT_API_MODES, LABEL_CONFLICT_STRATEGIES, type RestoreCommand, VISIBILITIES } from "./types.js";

/** An ISO 8601 time, checked now so a typo is a usage error before anything runs. */
function asOfTime(value: string, source: string): string {
  if (Number.isNaN(Date.parse(value))) {
    throw new UsageError(
      `${source} must be a time such as 2026-01-31T00:00:00Z, not ${JSON.stringify(value)}`,
    );
  }
  return value;
}

export function resolveRestore(parsed: ParsedArgv, env: Env, output: OutputSettings): RestoreCommand {
  const [dirArg, repoArg] = parsed.args;
  const dirText = dirArg ?? envValue(env, "DATA_PATH");
  if (dirText === undefined) throw missing("DIR", "restore", "restore DIR OWNER/REPO", "DATA_PATH");
  const dir = nonEmptyPath(dirText, dirArg !== undefined ? "DIR" : "DATA_PATH");
  const remote = resolveRemote(parsed, env, "restore", repoArg, "restore DIR OWNER/REPO");

  const label = pick(parsed, env, "labelConflict", "LABEL_CONFLICT_STRATEGY");
  const visibility = pick(parsed, env, "visibility", "REPOSITORY_VISIBILITY");
  const importApi = pick(parsed, env, "importApi", "IMPORT_API");
  const state = pick(parsed, env, "state", "RESTORE_STATE_PATH");
  const stateDir = pick(parsed, env, "stateDir", "GITHUB_DATA_STATE_DIR");
  const category = pick(parsed, env, "discussionCategory", "DISCUSSION_CATEGORY");
  const asOf = pick(parsed, env, "asOf", "RESTORE_AS_OF");
  return assemble<RestoreCommand>(remote, {
    command: "restore",
    ...output,
    dir,
    asOf: asOf ? asOfTime(asOf.value, asOf.source) : null,
    labelConflict: label ? choice(label.value, LABEL_CONFLICT_STRATEGIES, label.source) : "skip",
    createRepo: booleanSetting(parsed, env, "createRepo", "CREATE_REPOSITORY_IF_MISSING", true),
    visibility: visibility ? choice(visibility.value, VISIBILITIES, visibility.source) : "private",
    dryRun: booleanSetting(parsed, env, "dryRun", "DRY_RUN", false),
    importApi: importApi ? choice(importApi.value, IMPORT_API_MODES, importApi.source) : "auto",
    inviteCollaborators: booleanSetting(parsed, env, "inviteCollaborators", "INVITE_COLLABORATORS", false),
    webhooks: booleanSetting(parsed, env, "webhooks", "RESTORE_WEBHOOKS", false),
    discussionCategory: category && category.value.trim() !== "" ? category.value.trim() : null,
    statePath: state ? nonEmptyPath(state.value, state.source) : null,
    stateDir: stateDir ? nonEmptyPath(stateDir.value, stateDir.source) : null,
  });
}
