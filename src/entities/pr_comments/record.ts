// One line of pr_comments.jsonl: a conversation comment on a pull request
// (diff comments are in pr_review_comments.jsonl).
import type { Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const PR_COMMENTS_FILE = "pr_comments.jsonl";

export interface PrCommentRecord {
  id: number;
  node_id: string;
  /** The parent pull request's number. */
  pull_request_number: number;
  body: string;
  user: UserRef | null;
  author_association: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  html_url: string;
}

export function prCommentSortKey(record: PrCommentRecord): SortKey {
  return [record.id];
}
