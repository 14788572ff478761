// Issue and pull-request conversation comments as GitHub's REST API returns them.
import { reactionsOf } from "../../store/reactions.js";
import type { FakeIssueComment, FakeRepo, FakeStore } from "../../store/types.js";
import { apiRepo, reactionsRollup, webIssueByNumber } from "./common.js";
import { serializeUser } from "./users.js";

export type RestIssueComment = Record<string, unknown>;

export function serializeIssueComment(
  store: FakeStore,
  repo: FakeRepo,
  comment: FakeIssueComment,
  baseUrl: string,
): RestIssueComment {
  const api = apiRepo(baseUrl, repo);
  const url = `${api}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${webIssueByNumber(baseUrl, repo, comment.issue_number)}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${comment.issue_number}`,
    id: comment.id,
    node_id: comment.node_id,
    user: serializeUser(store, comment.userId, baseUrl),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: comment.author_association,
    body: comment.body,
    reactions: reactionsRollup(`${url}/reactions`, reactionsOf(repo, "issue_comment", comment.id)),
    performed_via_github_app: null,
  };
}
