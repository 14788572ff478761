// Review comments as GitHub's REST API returns them.
import { reactionsOf } from "../../store/reactions.js";
import type { FakeRepo, FakeReviewComment, FakeStore } from "../../store/types.js";
import { apiRepo, reactionsRollup, webRepo } from "./common.js";
import { serializeUser } from "./users.js";

export type RestReviewComment = Record<string, unknown>;

export function serializeReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  comment: FakeReviewComment,
  baseUrl: string,
): RestReviewComment {
  const api = apiRepo(baseUrl, repo);
  const url = `${api}/pulls/comments/${comment.id}`;
  const pullUrl = `${api}/pulls/${comment.pull_number}`;
  const html = `${webRepo(baseUrl, repo)}/pull/${comment.pull_number}#discussion_r${comment.id}`;
  const out: RestReviewComment = {
    url,
    pull_request_review_id: comment.pull_request_review_id,
    id: comment.id,
    node_id: comment.node_id,
    diff_hunk: comment.diff_hunk,
    path: comment.path,
    position: comment.position,
    original_position: comment.original_position,
    commit_id: comment.commit_id,
    original_commit_id: comment.original_commit_id,
  };
  if (comment.in_reply_to_id !== null) out.in_reply_to_id = comment.in_reply_to_id;
  Object.assign(out, {
    user: serializeUser(store, comment.userId, baseUrl),
    body: comment.body,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: comment.author_association,
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    reactions: reactionsRollup(`${url}/reactions`, reactionsOf(repo, "review_comment", comment.id)),
    start_line: comment.start_line,
    original_start_line: comment.start_line,
    start_side: comment.start_side,
    line: comment.line,
    original_line: comment.original_line,
    side: comment.side,
    subject_type: comment.subject_type,
  });
  return out;
}
