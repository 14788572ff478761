// Issue and pull-request conversation comments come from one repo-wide list;
// the comment's html_url tells which kind of parent it has.
import { int, type Json, str, trailingNumber } from "./fields.js";
import { type UserRef, userRef } from "./rest-refs.js";

export interface ConversationComment {
  id: number;
  node_id: string;
  parentNumber: number;
  onPullRequest: boolean;
  body: string;
  user: UserRef | null;
  author_association: string;
  created_at: string;
  updated_at: string;
  html_url: string;
}

export function readConversationComment(c: Json): ConversationComment {
  const htmlUrl = str(c.html_url, "comment.html_url");
  return {
    id: int(c.id, "comment.id"),
    node_id: str(c.node_id, "comment.node_id"),
    parentNumber: trailingNumber(c.issue_url, "comment.issue_url"),
    onPullRequest: /\/pull\/\d+#/.test(htmlUrl),
    body: str(c.body ?? "", "comment.body"),
    user: userRef(c.user, "comment.user"),
    author_association: str(c.author_association, "comment.author_association"),
    created_at: str(c.created_at, "comment.created_at"),
    updated_at: str(c.updated_at, "comment.updated_at"),
    html_url: htmlUrl,
  };
}

/**
 * A record of issue_comments.jsonl or pr_comments.jsonl: the comment with its
 * parent's number under `parentKey`, in the file's fixed key order.
 */
export function conversationCommentRecord<K extends string>(
  c: ConversationComment,
  parentKey: K,
): Record<K, number> & Omit<ConversationComment, "parentNumber" | "onPullRequest"> {
  return {
    id: c.id,
    node_id: c.node_id,
    [parentKey]: c.parentNumber,
    body: c.body,
    user: c.user,
    author_association: c.author_association,
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: c.html_url,
  } as Record<K, number> & Omit<ConversationComment, "parentNumber" | "onPullRequest">;
}
