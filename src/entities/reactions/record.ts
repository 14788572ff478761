// One line of reactions.jsonl: one person's reaction to an issue, a pull
// request, a conversation comment, a review comment, a release, a discussion
// or a discussion comment.
import type { Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const REACTIONS_FILE = "reactions.jsonl";

/** REST's reaction names, in the order GitHub shows them. */
export const REACTION_CONTENTS = [
  "+1",
  "-1",
  "laugh",
  "hooray",
  "confused",
  "heart",
  "rocket",
  "eyes",
] as const;

export type ReactionContent = (typeof REACTION_CONTENTS)[number];

/**
 * What a reaction is on. `issue_comment` is a conversation comment of an issue
 * or a pull request (issue_comments.jsonl or pr_comments.jsonl: GitHub gives
 * both one kind of id); `discussion_comment` is a comment or a reply of a
 * discussion.
 */
export type ReactionSubjectType =
  | "issue"
  | "issue_comment"
  | "pull_request"
  | "pr_review_comment"
  | "release"
  | "discussion"
  | "discussion_comment";

export interface ReactionRecord {
  subject_type: ReactionSubjectType;
  /** The subject's `id` in its own file (a pull request's is its pull-request id). */
  subject_id: number;
  id: number;
  content: ReactionContent;
  /** null for a deleted account. */
  user: UserRef | null;
  created_at: Timestamp;
}

export function reactionSortKey(record: ReactionRecord): SortKey {
  return [record.subject_type, record.subject_id, record.id];
}
