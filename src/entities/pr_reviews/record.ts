// One line of pr_reviews.jsonl: a pull-request review (REST shape).
import type { Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const PR_REVIEWS_FILE = "pr_reviews.jsonl";

export type ReviewState = "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";

export interface PrReviewRecord {
  id: number;
  node_id: string;
  /** The reviewed pull request's number. */
  pull_request_number: number;
  user: UserRef | null;
  /** GitHub sends "" for a review without text; null is accepted too. */
  body: string | null;
  state: ReviewState;
  commit_id: string | null;
  author_association: string;
  /** null while the review is pending. */
  submitted_at: Timestamp | null;
  html_url: string;
}

export function prReviewSortKey(record: PrReviewRecord): SortKey {
  return [record.id];
}
