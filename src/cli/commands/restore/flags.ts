// The flags of `github-data restore`, in help order.

import type { OptionSpec } from "../../flags.js";
import { OUTPUT_FLAGS } from "../../output.js";
import { REMOTE_FLAGS } from "../../remote.js";
import { IMPORT_API_MODES, LABEL_CONFLICT_STRATEGIES } from "./types.js";

export const RESTORE_FLAGS: readonly OptionSpec[] = [
  {
    key: "labelConflict",
    flags: "--label-conflict <strategy>",
    env: "LABEL_CONFLICT_STRATEGY",
    description: `When labels already exist: {${LABEL_CONFLICT_STRATEGIES.join("|")}} (default: skip)`,
  },
  {
    key: "createRepo",
    flags: "--create-repo",
    display: "--[no-]create-repo",
    env: "CREATE_REPOSITORY_IF_MISSING",
    description: "Create the target repository when it does not exist (default: true)",
  },
  { key: "createRepo", flags: "--no-create-repo", description: "", hidden: true },
  {
    key: "visibility",
    flags: "--visibility <visibility>",
    env: "REPOSITORY_VISIBILITY",
    description: "Visibility of a created repository: {public|private} (default: private)",
  },
  {
    key: "dryRun",
    flags: "--dry-run",
    env: "DRY_RUN",
    description: "Report what would be created, change nothing",
  },
  {
    key: "importApi",
    flags: "--import-api <mode>",
    env: "IMPORT_API",
    description: `Issue import API, which keeps dates: {${IMPORT_API_MODES.join("|")}} (default: auto)`,
  },
  {
    key: "inviteCollaborators",
    flags: "--invite-collaborators",
    env: "INVITE_COLLABORATORS",
    description: "Invite the backup's collaborators to the target, with their roles (default: off)",
  },
  {
    key: "webhooks",
    flags: "--webhooks",
    env: "RESTORE_WEBHOOKS",
    description: "Create the backup's webhooks in the target, inactive and without secrets (default: off)",
  },
  {
    key: "discussionCategory",
    flags: "--discussion-category <name>",
    env: "DISCUSSION_CATEGORY",
    description:
      "Category for discussions whose category the target lacks (default: the target's General, else its first)",
  },
  {
    key: "asOf",
    flags: "--as-of <time>",
    env: "RESTORE_AS_OF",
    description:
      "Restore the state of the backup's latest save that started at or before this time (incremental history)",
  },
  {
    key: "state",
    flags: "--state <path>",
    env: "RESTORE_STATE_PATH",
    description: "Restore progress file, so a rerun continues where it stopped (default: in --state-dir)",
  },
  {
    key: "stateDir",
    flags: "--state-dir <dir>",
    env: "GITHUB_DATA_STATE_DIR",
    description: "Per-user state folder (default: $XDG_STATE_HOME/github-data or ~/.local/state/github-data)",
  },
  ...REMOTE_FLAGS,
  ...OUTPUT_FLAGS,
];
