// Review (diff) comments: per pull request and repository-wide (`sort`
// created|updated, `direction` only with `sort`, `since`; ascending id by
// default; paged no deeper than the `listCapItems` knob, as GitHub), and one by id.
import { notFound } from "../../http/responses.js";
import type { FakeRequest, FakeResponse, RouteDef } from "../../http/types.js";
import type { FakeRepo, FakeReviewComment, FakeStore } from "../../store/types.js";
import { serializeReviewComment } from "../serialize/review-comments.js";
import { atOrAfter, intParam, pagedList, readRoute, sinceParam, withRepo } from "./common.js";
import { commentOrder } from "./issue-comments.js";
import { sortedView } from "./sorted-view.js";

type Comment = FakeReviewComment;

function listed(
  req: FakeRequest,
  store: FakeStore,
  repo: FakeRepo,
  comments: readonly Comment[],
  cap?: number,
): FakeResponse {
  const since = sinceParam(req);
  if ("error" in since) return since.error;
  const sinceMs = since.since;
  const selected = sinceMs === null ? comments : comments.filter((c) => atOrAfter(c.updated_at, sinceMs));
  return pagedList(
    req,
    selected,
    (comment) => serializeReviewComment(store, repo, comment, req.baseUrl),
    cap,
  );
}

export function reviewCommentRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/pulls/{pull_number}/comments", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const number = intParam(req, "pull_number");
        if (number === null || !repo.issues.get(number)?.pull) return notFound();
        const spec = commentOrder<Comment>(req);
        const sorted = sortedView(
          repo,
          "reviewComments",
          repo.reviewComments,
          repo.reviewComments.length,
          spec,
        );
        return listed(
          req,
          store,
          repo,
          sorted.filter((c) => c.pull_number === number),
        );
      }),
    ),
    readRoute("/repos/{owner}/{repo}/pulls/comments", (req, { store, listCapItems }) =>
      withRepo(req, store, ({ repo }) => {
        const spec = commentOrder<Comment>(req);
        const sorted = sortedView(
          repo,
          "reviewComments",
          repo.reviewComments,
          repo.reviewComments.length,
          spec,
        );
        return listed(req, store, repo, sorted, listCapItems);
      }),
    ),
    readRoute("/repos/{owner}/{repo}/pulls/comments/{comment_id}", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const id = intParam(req, "comment_id");
        const comment = repo.reviewComments.find((c) => c.id === id);
        return comment
          ? { status: 200, body: serializeReviewComment(store, repo, comment, req.baseUrl) }
          : notFound();
      }),
    ),
  ];
}
