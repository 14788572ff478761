// Conversation comments (issues and pull requests): per issue (ascending id,
// `since`), repository-wide (`sort` created|updated, `direction` only with
// `sort`, `since`; ascending id by default; paged no deeper than the
// `listCapItems` knob, as GitHub) and one by id.
import { notFound } from "../../http/responses.js";
import type { FakeRequest, FakeResponse, RouteDef } from "../../http/types.js";
import type { FakeIssueComment, FakeRepo, FakeStore } from "../../store/types.js";
import { serializeIssueComment } from "../serialize/issue-comments.js";
import { atOrAfter, descending, intParam, pagedList, readRoute, sinceParam, withRepo } from "./common.js";
import { groupedView, type SortSpec, sortedView } from "./sorted-view.js";

type Comment = FakeIssueComment;

/** Order for repo-wide comment lists; `direction` is ignored without `sort`, as on GitHub. */
export function commentOrder<T extends { id: number; created_at: string; updated_at: string }>(
  req: FakeRequest,
): SortSpec<T> {
  const sort = req.query.get("sort");
  const tie = (item: T) => item.id;
  if (sort === "created" || sort === "created_at")
    return { id: "created", key: (item) => item.created_at, tie, desc: descending(req, "asc") };
  if (sort === "updated")
    return { id: "updated", key: (item) => item.updated_at, tie, desc: descending(req, "asc") };
  return { id: "id", key: (item) => item.id, tie, desc: false };
}

function serializeAll(
  req: FakeRequest,
  store: FakeStore,
  repo: FakeRepo,
  items: readonly Comment[],
  cap?: number,
): FakeResponse {
  return pagedList(req, items, (comment) => serializeIssueComment(store, repo, comment, req.baseUrl), cap);
}

export function issueCommentRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/issues/{issue_number}/comments", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "issue_number");
        if (number === null || !repo.issues.has(number)) return notFound();
        const since = sinceParam(req);
        if ("error" in since) return since.error;
        const groups = groupedView(
          repo,
          "comments",
          repo.comments,
          (c) => c.issue_number,
          (c) => c.id,
        );
        let comments = groups.get(number) ?? [];
        const sinceMs = since.since;
        if (sinceMs !== null) comments = comments.filter((c) => atOrAfter(c.updated_at, sinceMs));
        return serializeAll(req, store, repo, comments);
      }),
    ),
    readRoute("/repos/{owner}/{repo}/issues/comments", (req, { store, listCapItems }) =>
      withRepo(req, store, ({ repo }) => {
        const since = sinceParam(req);
        if ("error" in since) return since.error;
        const spec = commentOrder<Comment>(req);
        let comments = sortedView(repo, "comments", repo.comments, repo.comments.length, spec);
        const sinceMs = since.since;
        if (sinceMs !== null) comments = comments.filter((c) => atOrAfter(c.updated_at, sinceMs));
        return serializeAll(req, store, repo, comments, listCapItems);
      }),
    ),
    readRoute("/repos/{owner}/{repo}/issues/comments/{comment_id}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const id = intParam(req, "comment_id");
        const comment = repo.comments.find((c) => c.id === id);
        return comment
          ? { status: 200, body: serializeIssueComment(store, repo, comment, req.baseUrl) }
          : notFound();
      }),
    ),
  ];
}
