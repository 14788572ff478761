// The validated settings `github-data save` runs with.

import type { OutputSettings } from "../../output.js";
import type { RemoteSettings } from "../../remote.js";

export interface SaveCommand extends OutputSettings, RemoteSettings {
  command: "save";
  /** Backup folder: --out, else DATA_PATH, else ./<repo>-backup. */
  outDir: string;
  /** Continue an unfinished save in outDir instead of refusing a non-empty folder. */
  resume: boolean;
  /** Build on the finished backup in outDir, fetching only what changed. */
  incremental: boolean;
  /** With incremental: compare every issue's and pull request's children and authors too. */
  verifyFull: boolean;
}
