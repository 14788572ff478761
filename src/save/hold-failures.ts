// A save starts its jobs while the repository check is still in flight (the
// check is one round trip every job would otherwise wait for). Jobs may read
// and follow their answers at once — a list's first page starts its other
// pages — but nothing reaches the disk before the check has passed and the
// folder is claimed: every sink waits for that (the writers, asset files, the
// git mirror, the save state, the response journal). This hook, installed
// outermost, holds the failures of every request until then, so a job never
// fails on an answer the check explains (a 404 for a missing repository):
// if the check fails, every held failure gives way to its error. Requests sent
// with `request: { beforeReady: true }` (the check itself) are not held.
import type { GitHubOctokit } from "../github/client.js";

/** Request option for the requests `ready` waits for, whose failures must not be held. */
export const BEFORE_READY = { beforeReady: true } as const;

export function holdFailuresUntil(octokit: GitHubOctokit, ready: Promise<unknown>): void {
  octokit.hook.wrap("request", async (send, options) => {
    if ((options.request as { beforeReady?: unknown } | undefined)?.beforeReady === true)
      return send(options);
    try {
      return await send(options);
    } catch (error) {
      await ready;
      throw error;
    }
  });
}
