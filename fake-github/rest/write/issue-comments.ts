// Issue (and PR conversation) comment writes: create, update.
import type { RouteDef } from "../../http/types.js";
import { createIssueComment, updateIssueComment } from "../../store/mutations/issue-comments.js";
import { serializeIssueComment } from "../serialize/issue-comments.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { created, okJson, writeRoute } from "./route.js";

export const issueCommentRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    "issues/comments#create-an-issue-comment",
    (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const number = intParam(req, "issue_number");
      const comment = createIssueComment(
        store,
        repo,
        user,
        number,
        new Body(req.body).text("body", "IssueComment"),
      );
      return created(serializeIssueComment(store, repo, comment, req.baseUrl));
    },
    { contentCreating: true },
  ),
  writeRoute(
    "PATCH",
    "/repos/{owner}/{repo}/issues/comments/{comment_id}",
    "issues/comments#update-an-issue-comment",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const comment = updateIssueComment(
        store,
        repo,
        intParam(req, "comment_id"),
        new Body(req.body).text("body", "IssueComment"),
      );
      return okJson(serializeIssueComment(store, repo, comment, req.baseUrl));
    },
  ),
];
