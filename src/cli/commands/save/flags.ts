// The flags of `github-data save`, in help order.

import type { OptionSpec } from "../../flags.js";
import { OUTPUT_FLAGS } from "../../output.js";
import { REMOTE_FLAGS } from "../../remote.js";

export const SAVE_FLAGS: readonly OptionSpec[] = [
  {
    key: "out",
    flags: "-o, --out <dir>",
    env: "DATA_PATH",
    description: "Backup folder to write (default: ./<repo>-backup)",
  },
  {
    key: "resume",
    flags: "--resume",
    env: "RESUME",
    description: "Continue an interrupted save in the same folder",
  },
  {
    key: "incremental",
    flags: "--incremental",
    env: "INCREMENTAL",
    description: "Bring the finished backup in --out up to date: fetch only what changed, keep history",
  },
  {
    key: "verifyFull",
    flags: "--verify-full",
    env: "VERIFY_FULL",
    description:
      "With --incremental: also compare every issue's and pull request's comments, reviews and authors, and read again what differs",
  },
  ...REMOTE_FLAGS,
  ...OUTPUT_FLAGS,
];
