// The validated settings `github-data site` runs with.

import type { OutputSettings } from "../../output.js";

export interface SiteCommand extends OutputSettings {
  command: "site";
  /** Backup folder to read. */
  dir: string;
  /** Site folder to write. */
  out: string;
}
