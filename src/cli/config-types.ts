// The validated settings each command receives. Produced by resolveConfig
// (config.ts) from argv and the environment; nothing here reads the process.

import type { EntityName } from "../entities/names.js";
import type { NumberSelection } from "../selection/number-spec.js";
import type { LogLevel } from "../util/logger.js";
import type { RepoRef } from "./repo-ref.js";

export type CommandName = "save" | "restore" | "verify";
export type LogFormat = "text" | "json";
export type LabelConflictStrategy =
  | "skip"
  | "fail-if-existing"
  | "fail-if-conflict"
  | "overwrite"
  | "delete-all";
export type RepositoryVisibility = "public" | "private";
/** Whether restore uses GitHub's issue import API (keeps timestamps): when available, always, or never. */
export type ImportApiMode = "auto" | "always" | "never";

export const LOG_FORMATS: readonly LogFormat[] = ["text", "json"];
export const LABEL_CONFLICT_STRATEGIES: readonly LabelConflictStrategy[] = [
  "skip",
  "fail-if-existing",
  "fail-if-conflict",
  "overwrite",
  "delete-all",
];
export const VISIBILITIES: readonly RepositoryVisibility[] = ["public", "private"];
export const IMPORT_API_MODES: readonly ImportApiMode[] = ["auto", "always", "never"];

export const DEFAULT_CONCURRENCY = 10;
export const MAX_CONCURRENCY = 100;

/** Settings every command has. */
export interface OutputSettings {
  logFormat: LogFormat;
  logLevel: LogLevel;
  /** Only warnings, errors and the final one-line summary. */
  quiet: boolean;
  /** Problems worth telling the user that did not stop the run (e.g. a child entity without its parent). */
  warnings: string[];
}

/** Settings of the commands that talk to GitHub. */
export interface RemoteSettings {
  repo: RepoRef;
  /**
   * The token, from GITHUB_TOKEN or GH_TOKEN. Non-enumerable on resolved
   * objects, so logging or serialising a config never shows it.
   */
  token: string;
  tokenSource: "GITHUB_TOKEN" | "GH_TOKEN";
  /** REST base URL without a trailing slash. */
  apiUrl: string;
  graphqlUrl: string;
  /** Requests in flight at most. */
  concurrency: number;
  entities: Set<EntityName>;
  issues: NumberSelection;
  pullRequests: NumberSelection;
}

export interface SaveCommand extends OutputSettings, RemoteSettings {
  command: "save";
  /** Backup folder: --out, else DATA_PATH, else ./<repo>-backup. */
  outDir: string;
  /** Continue an unfinished save in outDir instead of refusing a non-empty folder. */
  resume: boolean;
}

export interface RestoreCommand extends OutputSettings, RemoteSettings {
  command: "restore";
  /** Backup folder to read. */
  dir: string;
  labelConflict: LabelConflictStrategy;
  createRepo: boolean;
  visibility: RepositoryVisibility;
  /** Read and check everything, report what would be created, write nothing. */
  dryRun: boolean;
  importApi: ImportApiMode;
  /** Restore progress file (old → new numbers); null lets restore pick its default. */
  statePath: string | null;
  /** Per-user state folder (--state-dir); null: the default. */
  stateDir: string | null;
}

export interface VerifyCommand extends OutputSettings {
  command: "verify";
  dir: string;
}

export interface HelpCommand {
  command: "help";
  text: string;
}

export interface VersionCommand {
  command: "version";
  text: string;
}

export type RunnableCommand = SaveCommand | RestoreCommand | VerifyCommand;
export type ResolvedCommand = RunnableCommand | HelpCommand | VersionCommand;
