// Issues (pull requests included). The list is cursor-paginated as GitHub's
// has been since 2025: its `link` has only rel="next", whose URL carries an
// opaque `after` cursor plus a `page` number. Plain `page=N` still works
// until item 9,900; deeper pages answer 422.
import { linkHeader, pageOf, perPageOf, selfUrl } from "../../http/pagination.js";
import { notFound, validationFailed } from "../../http/responses.js";
import type { FakeRequest, FakeResponse, RouteDef } from "../../http/types.js";
import { findUserByLogin } from "../../store/create-store.js";
import type { FakeIssue, FakeRepo, FakeStore } from "../../store/types.js";
import { serializeIssue } from "../serialize/issues.js";
import { atOrAfter, descending, intParam, readRoute, sinceParam, withRepo } from "./common.js";
import { commentCountsFor, serializeCacheFor } from "./serialize-cache.js";
import { positionAfter, type SortKey, type SortSpec, sortedView } from "./sorted-view.js";

export const deepPageMessage =
  "Pagination with the page parameter is not supported for large datasets, please use cursor based pagination (after/before)";
/** Items before the first page GitHub refuses to serve by number (page 100 at per_page=100). */
export const maxPageOffset = 9900;

const cursorPrefix = "cursor:v2:";

export function encodeCursor(key: SortKey, tie: number): string {
  return Buffer.from(`${cursorPrefix}${JSON.stringify([key, tie])}`, "utf8").toString("base64");
}

export function decodeCursor(cursor: string): { key: SortKey; tie: number } | null {
  const text = Buffer.from(cursor, "base64").toString("utf8");
  if (!text.startsWith(cursorPrefix)) return null;
  try {
    const value: unknown = JSON.parse(text.slice(cursorPrefix.length));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [key, tie] = value as unknown[];
    if ((typeof key !== "string" && typeof key !== "number") || typeof tie !== "number") return null;
    return { key, tie };
  } catch {
    return null;
  }
}

function sortSpec(req: FakeRequest, repo: FakeRepo): SortSpec<FakeIssue> {
  const desc = descending(req, "desc");
  const tie = (issue: FakeIssue) => issue.number;
  switch (req.query.get("sort")) {
    case "updated":
      return { id: "updated", key: (issue) => issue.updated_at, tie, desc };
    case "comments": {
      const counts = commentCountsFor(repo);
      return { id: "comments", key: (issue) => counts.get(issue.number) ?? 0, tie, desc };
    }
    default:
      return { id: "created", key: (issue) => issue.created_at, tie, desc };
  }
}

type Filter = (issue: FakeIssue) => boolean;

/** The list filters: state, labels, milestone, assignee, creator, since. */
function issueFilter(req: FakeRequest, store: FakeStore, repo: FakeRepo): Filter | FakeResponse {
  const tests: Filter[] = [];
  const state = req.query.get("state") ?? "open";
  if (state === "open" || state === "closed") tests.push((issue) => issue.state === state);
  else if (state !== "all") return validationFailed(`Invalid value for "state": ${state}`);

  const since = sinceParam(req);
  if ("error" in since) return since.error;
  const sinceMs = since.since;
  if (sinceMs !== null) tests.push((issue) => atOrAfter(issue.updated_at, sinceMs));

  const labels = req.query.get("labels");
  if (labels) {
    const ids: number[] = [];
    for (const name of labels.split(",").map((n) => n.trim().toLowerCase())) {
      if (name === "") continue;
      const label = repo.labels.find((l) => l.name.toLowerCase() === name);
      if (!label) return () => false;
      ids.push(label.id);
    }
    tests.push((issue) => ids.every((id) => issue.labelIds.includes(id)));
  }

  const milestone = req.query.get("milestone");
  if (milestone === "*") tests.push((issue) => issue.milestoneNumber !== null);
  else if (milestone === "none") tests.push((issue) => issue.milestoneNumber === null);
  else if (milestone) {
    const number = Number(milestone);
    tests.push((issue) => issue.milestoneNumber === number);
  }

  const assignee = req.query.get("assignee");
  if (assignee === "*") tests.push((issue) => issue.assigneeIds.length > 0);
  else if (assignee === "none") tests.push((issue) => issue.assigneeIds.length === 0);
  else if (assignee) {
    const userId = findUserByLogin(store, assignee)?.id;
    tests.push((issue) => userId !== undefined && issue.assigneeIds.includes(userId));
  }

  const creator = req.query.get("creator");
  if (creator) {
    const userId = findUserByLogin(store, creator)?.id;
    tests.push((issue) => userId !== undefined && issue.userId === userId);
  }
  return (issue) => tests.every((test) => test(issue));
}

function listIssues(req: FakeRequest, store: FakeStore, repo: FakeRepo): FakeResponse {
  const filter = issueFilter(req, store, repo);
  if (typeof filter !== "function") return filter;
  const spec = sortSpec(req, repo);
  const perPage = perPageOf(req.query);
  const page = pageOf(req.query);
  const sorted = sortedView(repo, "issues", repo.issues, repo.issues.size, spec);

  let start = 0;
  let skip = 0;
  const after = req.query.get("after");
  if (after) {
    const cursor = decodeCursor(after);
    if (!cursor) return validationFailed("The cursor given in `after` is not valid");
    start = positionAfter(sorted, spec, cursor.key, cursor.tie);
  } else {
    skip = (page - 1) * perPage;
    if (skip >= maxPageOffset)
      return validationFailed(deepPageMessage, "https://docs.github.com/v3/#pagination");
  }

  const selected: FakeIssue[] = [];
  for (let i = start; i < sorted.length && selected.length <= perPage; i++) {
    const issue = sorted[i] as FakeIssue;
    if (!filter(issue)) continue;
    if (skip > 0) skip--;
    else selected.push(issue);
  }
  const more = selected.length > perPage;
  const items = more ? selected.slice(0, perPage) : selected;
  const headers: Record<string, string> = {};
  const last = items.at(-1);
  if (more && last) {
    const next = selfUrl(req, {
      after: encodeCursor(spec.key(last), spec.tie(last)),
      page: String(page + 1),
    });
    headers.link = linkHeader([["next", next]]);
  }
  const cache = serializeCacheFor(repo);
  return {
    status: 200,
    headers,
    body: items.map((issue) => serializeIssue(store, repo, issue, req.baseUrl, { cache })),
  };
}

export function issueRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/issues", (req, { store }) =>
      withRepo(req, store, ({ repo }) => listIssues(req, store, repo)),
    ),
    readRoute("/repos/{owner}/{repo}/issues/{issue_number}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "issue_number");
        const issue = number === null ? undefined : repo.issues.get(number);
        if (!issue) return notFound();
        return {
          status: 200,
          body: serializeIssue(store, repo, issue, req.baseUrl, {
            single: true,
            cache: serializeCacheFor(repo),
          }),
        };
      }),
    ),
  ];
}
