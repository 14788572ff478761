// The GitHub client of a restore: content-creating writes paced as GitHub
// asks, and a write that may have been applied looked up before it is sent
// again (recover-write.ts).
import {
  type ConnectionRequest,
  connectionOptions,
  createGitHubClient,
  type GitHubClient,
} from "../github/client.js";
import type { Logger } from "../util/logger.js";
import { GITHUB_PACING, type PacingLimits } from "./estimate.js";
import { createWriteRecovery } from "./recover-write.js";

/** Pacing of content-creating requests (GitHub: 80 per minute, 500 per hour, 1 s apart). */
export interface ContentLimits {
  contentPerMinute?: number;
  contentPerHour?: number;
  /** Length of the "minute" (tests shrink it; the "hour" is 60 of them). */
  windowMs?: number;
  minWriteIntervalMs?: number;
}

export interface RestoreClientRequest extends ConnectionRequest {
  contentLimits?: ContentLimits;
}

/** The pacing a dry run's plan estimates with. */
export function pacingOf(limits: ContentLimits = {}): PacingLimits {
  return {
    contentPerMinute: limits.contentPerMinute ?? GITHUB_PACING.contentPerMinute,
    contentPerHour: limits.contentPerHour ?? GITHUB_PACING.contentPerHour,
    minWriteIntervalMs: limits.minWriteIntervalMs ?? GITHUB_PACING.minWriteIntervalMs,
    windowMs: limits.windowMs ?? GITHUB_PACING.windowMs,
  };
}

/** A dry run's client refuses every write, so a restorer's slip cannot change the target. */
export function restoreClient(
  request: RestoreClientRequest,
  log: Logger,
  signal: AbortSignal,
  dryRun: boolean,
): GitHubClient {
  const limits = request.contentLimits ?? {};
  // Bound below: the recovery hook looks objects up through this same client.
  let boundClient: GitHubClient | undefined;
  const client = createGitHubClient({
    readOnly: dryRun,
    ...connectionOptions(request, log, signal),
    budgets: {
      ...request.client?.budgets,
      ...(limits.contentPerMinute !== undefined ? { contentPerMinute: limits.contentPerMinute } : {}),
      ...(limits.contentPerHour !== undefined ? { contentPerHour: limits.contentPerHour } : {}),
      ...(limits.windowMs !== undefined ? { windowMs: limits.windowMs } : {}),
    },
    schedulerOptions: {
      recoverWrite: createWriteRecovery(() => boundClient!),
      ...request.client?.schedulerOptions,
      ...(limits.minWriteIntervalMs !== undefined ? { minWriteIntervalMs: limits.minWriteIntervalMs } : {}),
    },
  });
  boundClient = client;
  return client;
}
