// Body endpoints several types share (see BodyEndpoint): issues and pull
// requests are both read and edited through the issues API, and conversation
// comments of either through the issue-comments API.
import type { BodyEndpoint } from "../descriptor.js";

export const ISSUE_BODY: BodyEndpoint = {
  read: "GET /repos/{owner}/{repo}/issues/{issue_number}",
  write: "PATCH /repos/{owner}/{repo}/issues/{issue_number}",
  params: (e) => (e.newNumber === undefined ? null : { issue_number: e.newNumber }),
};

export const CONVERSATION_COMMENT_BODY: BodyEndpoint = {
  read: "GET /repos/{owner}/{repo}/issues/comments/{comment_id}",
  write: "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}",
  params: (e) => (e.newId === undefined ? null : { comment_id: e.newId }),
};
