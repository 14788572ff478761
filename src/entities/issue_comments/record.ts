// One line of issue_comments.jsonl: a conversation comment on an issue.
import type { Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const ISSUE_COMMENTS_FILE = "issue_comments.jsonl";

export interface IssueCommentRecord {
  id: number;
  node_id: string;
  /** The parent issue's number. */
  issue_number: number;
  body: string;
  user: UserRef | null;
  author_association: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  html_url: string;
}

export function issueCommentSortKey(record: IssueCommentRecord): SortKey {
  return [record.id];
}
