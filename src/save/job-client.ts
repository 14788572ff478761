// A job's view of the shared client: the same Octokit, scheduler and hooks,
// but every request it sends carries the job's name (`request.job`), so the
// save can count requests per job. An explicit tag instead of
// AsyncLocalStorage: on Node 20 that switches on promise hooks for the whole
// process, which cost about a tenth of a save's CPU time.
import type { GitHubClient, GitHubOctokit } from "../github/client.js";

export function jobClient(client: GitHubClient, job: string): GitHubClient {
  const tag = { request: { job } };
  const octokit = Object.create(client.octokit) as GitHubOctokit;
  octokit.request = client.octokit.request.defaults(tag);
  // Octokit's paginators stay bound to the shared instance (untagged, so not
  // counted for the job); savers page with paginateParallel, which uses `request`.
  octokit.graphql = Object.assign(client.octokit.graphql.defaults(tag), {
    paginate: client.octokit.graphql.paginate,
  });
  return { ...client, octokit };
}

/** The job a request was sent for, if it carries one. */
export function jobOf(options: { request?: unknown }): string | undefined {
  const job = (options.request as { job?: unknown } | undefined)?.job;
  return typeof job === "string" ? job : undefined;
}
