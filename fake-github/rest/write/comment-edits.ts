// Comment deletions (issue and pull-request conversation comments, review
// comments) and review comment edits. Deleting or transferring an issue is GraphQL-only on GitHub; the
// fake has no mutations, so tests call store/mutations/removals.ts directly.
import type { RouteDef } from "../../http/types.js";
import {
  deleteIssueComment,
  deleteReviewComment,
  updateReviewComment,
} from "../../store/mutations/removals.js";
import { serializeReviewComment } from "../serialize/review-comments.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { noContent, okJson, writeRoute } from "./route.js";

export const commentEditRoutes: RouteDef[] = [
  writeRoute(
    "DELETE",
    "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    "issues/comments#delete-an-issue-comment",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      deleteIssueComment(store, repo, intParam(req, "comment_id"));
      return noContent();
    },
  ),
  writeRoute(
    "DELETE",
    "/repos/{owner}/{repo}/pulls/comments/{comment_id}",
    "pulls/comments#delete-a-review-comment-for-a-pull-request",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      deleteReviewComment(store, repo, intParam(req, "comment_id"));
      return noContent();
    },
  ),
  writeRoute(
    "PATCH",
    "/repos/{owner}/{repo}/pulls/comments/{comment_id}",
    "pulls/comments#update-a-review-comment-for-a-pull-request",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const body = new Body(req.body).text("body", "PullRequestReviewComment");
      const comment = updateReviewComment(store, repo, intParam(req, "comment_id"), body);
      return okJson(serializeReviewComment(store, repo, comment, req.baseUrl));
    },
  ),
];
