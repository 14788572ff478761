// The validated settings `github-data verify` runs with.

import type { OutputSettings } from "../../output.js";

export interface VerifyCommand extends OutputSettings {
  command: "verify";
  dir: string;
}
