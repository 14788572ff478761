// The flags of `github-data verify`: only the output flags every command has.

import type { OptionSpec } from "../../flags.js";
import { OUTPUT_FLAGS } from "../../output.js";

export const VERIFY_FLAGS: readonly OptionSpec[] = [...OUTPUT_FLAGS];
