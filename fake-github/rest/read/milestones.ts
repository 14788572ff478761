// Milestones: the list (state default open; sort due_on|completeness; direction default asc) and one by number.
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import type { FakeMilestone, FakeRepo } from "../../store/types.js";
import { serializeMilestone } from "../serialize/milestones.js";
import { descending, intParam, pagedList, readRoute, withRepo } from "./common.js";
import { serializeCacheFor } from "./serialize-cache.js";
import { type SortSpec, sortedView } from "./sorted-view.js";

/** Share of closed issues per milestone number. */
function completeness(repo: FakeRepo): Map<number, number> {
  const counts = new Map<number, { open: number; closed: number }>();
  for (const issue of repo.issues.values()) {
    if (issue.milestoneNumber === null) continue;
    const entry = counts.get(issue.milestoneNumber) ?? { open: 0, closed: 0 };
    if (issue.state === "open") entry.open++;
    else entry.closed++;
    counts.set(issue.milestoneNumber, entry);
  }
  const out = new Map<number, number>();
  for (const [number, { open, closed }] of counts) out.set(number, closed / (open + closed));
  return out;
}

export function milestoneRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/milestones", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const state = req.query.get("state") ?? "open";
        const desc = descending(req, "asc");
        let spec: SortSpec<FakeMilestone>;
        if (req.query.get("sort") === "completeness") {
          const done = completeness(repo);
          spec = { id: "completeness", key: (m) => done.get(m.number) ?? 0, tie: (m) => m.number, desc };
        } else {
          // Milestones without a due date come last in ascending order.
          spec = { id: "due_on", key: (m) => m.due_on ?? "~", tie: (m) => m.number, desc };
        }
        const sorted = sortedView(repo, "milestones", repo.milestones, repo.milestones.length, spec);
        const selected = state === "all" ? sorted : sorted.filter((m) => m.state === state);
        const cache = serializeCacheFor(repo);
        return pagedList(req, selected, (m) => serializeMilestone(store, repo, m, req.baseUrl, { cache }));
      }),
    ),
    readRoute("/repos/{owner}/{repo}/milestones/{milestone_number}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "milestone_number");
        const milestone = repo.milestones.find((m) => m.number === number);
        return milestone
          ? { status: 200, body: serializeMilestone(store, repo, milestone, req.baseUrl) }
          : notFound();
      }),
    ),
  ];
}
