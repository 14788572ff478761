// The validated settings `github-data restore` runs with, and the choices
// its flags accept.

import type { ImportApiMode, LabelConflictStrategy } from "../../../restore/types.js";
import type { OutputSettings } from "../../output.js";
import type { RemoteSettings } from "../../remote.js";

export type RepositoryVisibility = "public" | "private";

export const LABEL_CONFLICT_STRATEGIES: readonly LabelConflictStrategy[] = [
  "skip",
  "fail-if-existing",
  "fail-if-conflict",
  "overwrite",
  "delete-all",
];
export const VISIBILITIES: readonly RepositoryVisibility[] = ["public", "private"];
export const IMPORT_API_MODES: readonly ImportApiMode[] = ["auto", "always", "never"];

export interface RestoreCommand extends OutputSettings, RemoteSettings {
  command: "restore";
  /** Backup folder to read. */
  dir: string;
  /** Restore the state of an earlier save of the folder's incremental chain (ISO 8601 time). */
  asOf: string | null;
  labelConflict: LabelConflictStrategy;
  createRepo: boolean;
  visibility: RepositoryVisibility;
  /** Read and check everything, report what would be created, write nothing. */
  dryRun: boolean;
  importApi: ImportApiMode;
  /** Invite the backup's collaborators to the target. */
  inviteCollaborators: boolean;
  /** Create the backup's webhooks in the target, inactive. */
  webhooks: boolean;
  /** Category for discussions whose own the target lacks; null: General, else the first. */
  discussionCategory: string | null;
  /** Restore progress file (old → new numbers); null lets restore pick its default. */
  statePath: string | null;
  /** Per-user state folder (--state-dir); null: the default. */
  stateDir: string | null;
}
