// Milestones as GitHub's REST API returns them, with their open and closed counts.
import type { FakeMilestone, FakeRepo, FakeStore } from "../../store/types.js";
import { apiRepo, type SerializeCache, webRepo } from "./common.js";
import { serializeUser } from "./users.js";

export type RestMilestone = Record<string, unknown>;

export function milestoneCounts(
  repo: FakeRepo,
  number: number,
  cache: SerializeCache | undefined,
): { open: number; closed: number } {
  let all = cache?.milestoneCounts.get(repo);
  if (!all) {
    all = new Map();
    // Issues and pull requests both count towards a milestone on GitHub.
    for (const issue of repo.issues.values()) {
      if (issue.milestoneNumber === null) continue;
      const entry = all.get(issue.milestoneNumber) ?? { open: 0, closed: 0 };
      if (issue.state === "open") entry.open++;
      else entry.closed++;
      all.set(issue.milestoneNumber, entry);
    }
    cache?.milestoneCounts.set(repo, all);
  }
  return all.get(number) ?? { open: 0, closed: 0 };
}

export function serializeMilestone(
  store: FakeStore,
  repo: FakeRepo,
  milestone: FakeMilestone,
  baseUrl: string,
  opts: { cache?: SerializeCache } = {},
): RestMilestone {
  const url = `${apiRepo(baseUrl, repo)}/milestones/${milestone.number}`;
  const counts = milestoneCounts(repo, milestone.number, opts.cache);
  return {
    url,
    html_url: `${webRepo(baseUrl, repo)}/milestone/${milestone.number}`,
    labels_url: `${url}/labels`,
    id: milestone.id,
    node_id: milestone.node_id,
    number: milestone.number,
    title: milestone.title,
    description: milestone.description,
    creator: serializeUser(store, milestone.creatorId, baseUrl),
    open_issues: counts.open,
    closed_issues: counts.closed,
    state: milestone.state,
    created_at: milestone.created_at,
    updated_at: milestone.updated_at,
    due_on: milestone.due_on,
    closed_at: milestone.closed_at,
  };
}

export function milestoneOf(
  store: FakeStore,
  repo: FakeRepo,
  number: number | null,
  baseUrl: string,
  cache: SerializeCache | undefined,
): RestMilestone | null {
  if (number === null) return null;
  const milestone = repo.milestones.find((m) => m.number === number);
  return milestone ? serializeMilestone(store, repo, milestone, baseUrl, { cache }) : null;
}
