// The flags of `github-data site`: where to write, and the output flags every command has.

import type { OptionSpec } from "../../flags.js";
import { OUTPUT_FLAGS } from "../../output.js";

export const SITE_FLAGS: readonly OptionSpec[] = [
  {
    key: "out",
    flags: "-o, --out <dir>",
    description: "Site folder to write (created, or a previous site replaced)",
  },
  ...OUTPUT_FLAGS,
];
