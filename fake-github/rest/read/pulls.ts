// Pull requests: the list (state default open; sort created|updated|popularity|long-running;
// direction default desc for created, else asc; head "owner:branch"; base) and one by number.
import { notFound } from "../../http/responses.js";
import type { FakeRequest, FakeResponse, RouteDef } from "../../http/types.js";
import type { FakeIssue, FakeRepo, FakeStore } from "../../store/types.js";
import { serializePull } from "../serialize/pulls.js";
import { descending, intParam, pagedList, readRoute, withRepo } from "./common.js";
import { commentCountsFor, serializeCacheFor } from "./serialize-cache.js";
import { type SortSpec, sortedView } from "./sorted-view.js";

function pullOrder(req: FakeRequest, repo: FakeRepo): SortSpec<FakeIssue> {
  const sort = req.query.get("sort") ?? "created";
  const tie = (issue: FakeIssue) => issue.number;
  switch (sort) {
    case "updated":
      return { id: "updated", key: (i) => i.updated_at, tie, desc: descending(req, "asc") };
    case "popularity": {
      const counts = commentCountsFor(repo);
      return { id: "popularity", key: (i) => counts.get(i.number) ?? 0, tie, desc: descending(req, "asc") };
    }
    case "long-running":
      return { id: "long-running", key: (i) => i.created_at, tie, desc: descending(req, "asc") };
    default:
      return { id: "created", key: (i) => i.created_at, tie, desc: descending(req, "desc") };
  }
}

function listPulls(req: FakeRequest, store: FakeStore, repo: FakeRepo): FakeResponse {
  const state = req.query.get("state") ?? "open";
  const head = req.query.get("head");
  const base = req.query.get("base");
  let headOwner: string | null = null;
  let headRef: string | null = null;
  if (head) {
    const colon = head.indexOf(":");
    headOwner = colon >= 0 ? head.slice(0, colon).toLowerCase() : null;
    headRef = colon >= 0 ? head.slice(colon + 1) : head;
  }
  const sorted = sortedView(repo, "issues", repo.issues, repo.issues.size, pullOrder(req, repo));
  const pulls = sorted.filter((issue) => {
    const pull = issue.pull;
    if (!pull) return false;
    if ((state === "open" || state === "closed") && issue.state !== state) return false;
    if (base && pull.base.ref !== base) return false;
    if (headRef !== null) {
      if (pull.head.ref !== headRef) return false;
      const owner = (pull.head.repoFullName?.split("/")[0] ?? repo.ownerLogin).toLowerCase();
      if (headOwner !== null && owner !== headOwner) return false;
    }
    return true;
  });
  const cache = serializeCacheFor(repo);
  return pagedList(req, pulls, (issue) => serializePull(store, repo, issue, req.baseUrl, { cache }));
}

export function pullRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/pulls", (req, { store }) =>
      withRepo(req, store, ({ repo }) => listPulls(req, store, repo)),
    ),
    readRoute("/repos/{owner}/{repo}/pulls/{pull_number}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "pull_number");
        const issue = number === null ? undefined : repo.issues.get(number);
        if (!issue?.pull) return notFound();
        return {
          status: 200,
          body: serializePull(store, repo, issue, req.baseUrl, {
            single: true,
            cache: serializeCacheFor(repo),
          }),
        };
      }),
    ),
  ];
}
