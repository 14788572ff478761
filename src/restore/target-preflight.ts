// The restore target, checked before anything is written: found (or refused
// when it is missing and may not be created), then created when missing, and
// whether the Issue Import API may be used on it.
import type { EntityName } from "../entities/names.js";
import { PreflightError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import type { RepoRef } from "../github/repository.js";
import type { Logger } from "../util/logger.js";
import { createTarget, lookUpTarget, probeImportApi } from "./target.js";
import type { ImportApiMode, TargetRepository } from "./types.js";

/** The target as found; null when it does not exist and may be created. */
export async function findTarget(
  client: GitHubClient,
  target: RepoRef,
  createRepo: boolean | undefined,
  signal: AbortSignal,
): Promise<TargetRepository | null> {
  const found = await lookUpTarget(client, target, signal);
  if (found === null && createRepo === false) {
    throw new PreflightError(
      `repository ${target.owner}/${target.repo} does not exist; create it, or drop --no-create-repo (CREATE_REPOSITORY_IF_MISSING=false) to let restore create it`,
    );
  }
  return found;
}

export interface TargetRequest {
  target: RepoRef;
  /** Of a created target (default "private"). */
  visibility?: "public" | "private";
  importApi?: ImportApiMode;
  selection: { entities: ReadonlySet<EntityName> };
}

export interface PreparedTarget {
  /** Null only in a dry run against a missing target. */
  targetRepo: TargetRepository | null;
  useImportApi: boolean;
}

/** Creates the missing target, private unless asked otherwise. */
export async function createMissingTarget(
  client: GitHubClient,
  request: Pick<TargetRequest, "target" | "visibility">,
  signal: AbortSignal,
  log: Logger,
): Promise<TargetRepository> {
  const visibility = request.visibility ?? "private";
  const created = await createTarget(client, request.target, visibility, signal);
  log.info(`created ${visibility} repository ${created.fullName}`);
  return created;
}

/** Creates a missing target (not in a dry run) unless already created, then decides on the Issue Import API. */
export async function prepareTarget(
  client: GitHubClient,
  request: TargetRequest,
  found: TargetRepository | null,
  dryRun: boolean,
  signal: AbortSignal,
  log: Logger,
): Promise<PreparedTarget> {
  const target = request.target;
  let targetRepo = found;
  let useImportApi = false;
  if (found === null && !dryRun) targetRepo = await createMissingTarget(client, request, signal, log);
  const importMode = request.importApi ?? "auto";
  if (request.selection.entities.has("issues") && importMode !== "never") {
    if (targetRepo) useImportApi = await probeImportApi(client, target, signal);
    // A dry run against a missing target: the account that will create it administers it, and may import.
    else useImportApi = true;
    if (!useImportApi && importMode === "always") {
      throw new PreflightError(
        `--import-api always: the token may not use the Issue Import API on ${target.owner}/${target.repo} (it needs admin rights there)`,
      );
    }
    if (!useImportApi)
      log.info("the Issue Import API is not available; issues go through the normal endpoints");
  }
  return { targetRepo, useImportApi };
}
