// One line of pr_review_comments.jsonl: a diff (review) comment (REST shape).
import type { Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const PR_REVIEW_COMMENTS_FILE = "pr_review_comments.jsonl";

export interface PrReviewCommentRecord {
  id: number;
  node_id: string;
  /** The pull request's number. */
  pull_request_number: number;
  /** The review this comment belongs to (null for very old comments). */
  pull_request_review_id: number | null;
  /** The comment this one answers, if it is a reply. */
  in_reply_to_id: number | null;
  path: string;
  line: number | null;
  side: "LEFT" | "RIGHT" | null;
  start_line: number | null;
  start_side: "LEFT" | "RIGHT" | null;
  original_line: number | null;
  /** Legacy diff positions, kept for comments on outdated diffs. */
  position: number | null;
  original_position: number | null;
  /** "line" or "file". */
  subject_type: string | null;
  diff_hunk: string;
  commit_id: string;
  original_commit_id: string;
  body: string;
  user: UserRef | null;
  author_association: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  html_url: string;
}

export function prReviewCommentSortKey(record: PrReviewCommentRecord): SortKey {
  return [record.id];
}
