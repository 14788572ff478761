// The pull requests an incremental save reads again, as the pulls list shows
// them (so their records come out of the same mapping as a full save's): the
// list sorted by `updated` descending, read until it is older than the
// previous save, and each wanted one it did not hold (changed without moving
// `updated_at`: a review, a renamed label) asked for by number.
import type { GitHubClient } from "../../github/client.js";
import type { RepoRef } from "../../github/repository.js";
import { PRIORITY } from "../../save/priorities.js";
import { arr, int, obj, str } from "./fields.js";

/** A pull request as the REST API answers it (checked by the mapper). */
type RestObject = Record<string, unknown>;

const PER_PAGE = 100;

export async function changedPulls(
  client: GitHubClient,
  repo: RepoRef,
  wanted: ReadonlySet<number>,
  since: string,
  signal: AbortSignal,
): Promise<RestObject[]> {
  const found = new Map<number, RestObject>();
  const where = { owner: repo.owner, repo: repo.repo };
  const sinceMs = Date.parse(since);
  for (let page = 1; wanted.size > found.size; page++) {
    const response = await client.octokit.request("GET /repos/{owner}/{repo}/pulls", {
      ...where,
      state: "all",
      sort: "updated",
      direction: "desc",
      per_page: PER_PAGE,
      page,
      request: { signal, priority: PRIORITY.unlock },
    });
    const items = arr(response.data, "pulls").map((p) => obj(p, "pull"));
    for (const item of items) {
      const number = int(item.number, "pull.number");
      if (wanted.has(number)) found.set(number, item);
    }
    const last = items.at(-1);
    if (items.length < PER_PAGE || last === undefined) break;
    if (Date.parse(str(last.updated_at, "pull.updated_at")) < sinceMs) break;
  }
  const missing = [...wanted].filter((n) => !found.has(n));
  await Promise.all(
    missing.map(async (number) => {
      const response = await client.octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
        ...where,
        pull_number: number,
        request: { signal, priority: PRIORITY.unlock },
      });
      found.set(number, obj(response.data, `pull #${number}`));
    }),
  );
  return [...found.keys()].sort((a, b) => a - b).map((n) => found.get(n) as RestObject);
}
