// The save's request hooks on the shared client, installed here and nowhere
// else because their order matters. Octokit runs the hook registered last
// outermost, so a job's request passes, from the outside in:
//
//   1. hold failures     no failure reaches a job before the repository check
//                        has passed and the folder is claimed (hold-failures.ts)
//   2. response journal  a resumed save's already-answered requests are served
//                        from disk (response-journal.ts)
//   3. stats callback    live progress after each answer (and at each wait)
//   4. per-job count     the requests each job sent
//   … then the client's own hooks, the scheduler, auth and fetch.
//
// The journal sits outside the two counters: an answer it replays was never
// requested, so it is neither counted for its job nor reported as progress.
import type { GitHubClient } from "../github/client.js";
import type { RequestStats } from "../github/stats.js";
import type { Logger } from "../util/logger.js";
import { holdFailuresUntil } from "./hold-failures.js";
import { jobOf } from "./job-client.js";
import { openResponseJournal, type ResponseJournal } from "./response-journal.js";

export interface SaveHookOptions {
  outDir: string;
  /** Continuing an unfinished save: keep the journal's earlier answers. */
  resuming: boolean;
  /** Settles once the repository check has passed and the folder is claimed. */
  ready: Promise<unknown>;
  log: Logger;
  /** Called after every answer from GitHub, and when a wait begins, with the scheduler's counters. */
  onStats?: (stats: RequestStats) => void;
}

export interface SaveHooks {
  journal: ResponseJournal;
  /** Requests a job sent to GitHub (answers replayed from the journal not included). */
  requestsOf(job: string): number;
}

export async function installSaveHooks(client: GitHubClient, options: SaveHookOptions): Promise<SaveHooks> {
  const octokit = client.octokit;
  const perJob = new Map<string, number>();
  octokit.hook.before("request", (requestOptions) => {
    const job = jobOf(requestOptions);
    if (job !== undefined) perJob.set(job, (perJob.get(job) ?? 0) + 1);
  });
  const onStats = options.onStats;
  if (onStats) {
    octokit.hook.after("request", () => onStats(client.stats()));
    // A pause for the hourly limit shows at once, not after the next answer.
    client.scheduler.on("wait", () => onStats(client.stats()));
  }
  const journal = await openResponseJournal(options.outDir, {
    keep: options.resuming,
    log: options.log,
    writable: options.ready,
  });
  journal.install(octokit);
  holdFailuresUntil(octokit, options.ready);
  return { journal, requestsOf: (job) => perJob.get(job) ?? 0 };
}
