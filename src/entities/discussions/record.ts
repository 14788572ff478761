// The three files of the discussions type: the repository's categories, its
// discussions, and their comments and replies (a reply names the top-level
// comment it answers in `reply_to_id`).
import type { LabelRef, Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const DISCUSSION_CATEGORIES_FILE = "discussion_categories.jsonl";
export const DISCUSSIONS_FILE = "discussions.jsonl";
export const DISCUSSION_COMMENTS_FILE = "discussion_comments.jsonl";

export interface DiscussionCategoryRecord {
  /** GitHub gives categories no numeric id: the global id, as `node_id`. */
  id: string;
  node_id: string;
  name: string;
  slug: string;
  /** GitHub's shortcode, e.g. ":speech_balloon:". */
  emoji: string;
  description: string | null;
  /** Q&A-style: a comment may be marked as the answer. */
  is_answerable: boolean;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** close reasons: "resolved", "outdated", "duplicate"; "reopened" once reopened. */
export type DiscussionStateReason = string;

export interface DiscussionRecord {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string;
  category: { name: string; slug: string };
  user: UserRef | null;
  labels: LabelRef[];
  locked: boolean;
  active_lock_reason: string | null;
  closed: boolean;
  state_reason: DiscussionStateReason | null;
  /** The comment chosen as the answer (its `id` in discussion_comments.jsonl). */
  answer_comment_id: number | null;
  upvote_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  html_url: string;
}

export interface DiscussionCommentRecord {
  id: number;
  node_id: string;
  discussion_number: number;
  /** The top-level comment this one replies to; null for a top-level comment. */
  reply_to_id: number | null;
  body: string;
  user: UserRef | null;
  is_answer: boolean;
  upvote_count: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  html_url: string;
}

export const categorySortKey = (record: DiscussionCategoryRecord): SortKey => [record.id];
export const discussionSortKey = (record: DiscussionRecord): SortKey => [record.number];
export const discussionCommentSortKey = (record: DiscussionCommentRecord): SortKey => [record.id];
