// The repository check runs alongside the jobs' first requests: jobs follow
// their answers at once, but nothing is written, and no job fails, before it
// has passed and the folder is claimed (the sinks wait for `ready`; see
// hold-failures.ts). A failed check stops the run.
import { setMaxListeners } from "node:events";
import type { GitHubClient } from "../github/client.js";
import type { RepoRef, RepositoryInfo } from "../github/repository.js";
import type { Logger } from "../util/logger.js";
import { checkRepository } from "./check-repository.js";
import { claimFolder, type FolderPlan, type FolderRequest } from "./output-folder.js";

export interface Preflight {
  /** The repository, once it is checked and the folder claimed. */
  ready: Promise<RepositoryInfo>;
  /** The caller's signal, aborted too when the check fails. */
  runSignal: AbortSignal;
}

export function startPreflight(
  client: GitHubClient,
  request: FolderRequest & { repo: RepoRef },
  folder: FolderPlan,
  signal: AbortSignal,
  log: Logger,
  /** Runs once the check has passed, before the folder is claimed (the folder lock). */
  beforeClaim: () => Promise<void> = async () => {},
): Preflight {
  const failed = new AbortController();
  const runSignal = AbortSignal.any([signal, failed.signal]);
  setMaxListeners(0, runSignal);
  const ready = checkRepository(client, request.repo, signal).then(async (repository) => {
    await beforeClaim();
    await claimFolder(request, folder, client.apiUrl, log);
    return repository;
  });
  ready.catch((error: unknown) => failed.abort(error));
  return { ready, runSignal };
}

/** The check's outcome once the jobs have ended: a failed check is the answer, whatever the jobs made of it. */
export function checkOutcome(
  ready: Promise<RepositoryInfo>,
): Promise<{ repository: RepositoryInfo; error: null } | { repository: null; error: unknown }> {
  return ready.then(
    (repository) => ({ repository, error: null }),
    (error: unknown) => ({ repository: null, error }),
  );
}
