// Library entry point: the use cases, the backup format helpers, and the
// generic orchestrator and GitHub client they are built from.
export { type Manifest, readManifest } from "./backup/manifest.js";

import { type VerifyOptions, type VerifyReport, verifyBackup as verifyFolder } from "./backup/verify.js";
import { RECORD_FILES } from "./entities/index.js";

export { ENTITY_NAMES, type EntityName } from "./entities/names.js";
export type { SaveSelection } from "./entities/types.js";
export { PreflightError } from "./errors.js";
export { createGitHubClient, type GitHubClient, type GitHubClientOptions } from "./github/client.js";
export type { RepoRef } from "./github/repository.js";
export { runJobs } from "./orchestrator/run-jobs.js";
export type { JobResult, JobSpec, OrchestratorEvent, RunOptions } from "./orchestrator/types.js";
export {
  type RestoreRepositoryRequest,
  type RestoreRepositoryResult,
  RestoreRepositoryUseCase,
} from "./restore/restore-repository.js";
export {
  type OperationResult,
  type SaveRepositoryRequest,
  type SaveRepositoryResult,
  SaveRepositoryUseCase,
} from "./save/save-repository.js";
export { type NumberSelection, parseNumberSpec } from "./selection/number-spec.js";
export type { VerifyReport };

/** Checks a backup folder against the format: the manifest and every file the entity types declare. */
export function verifyBackup(dir: string, options?: VerifyOptions): Promise<VerifyReport> {
  return verifyFolder(dir, RECORD_FILES, options);
}
