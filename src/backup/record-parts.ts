// Nested shapes that several backup record types share (docs/format.md).
// Field names are GitHub's REST names whichever API fetched the data.

/** ISO 8601 UTC timestamp as GitHub's REST API writes it, e.g. "2025-04-01T12:00:00Z". */
export type Timestamp = string;

/** A user reference; records hold `null` where GitHub shows a deleted user ("ghost"). */
export interface UserRef {
  login: string;
  /** GitHub's numeric user id. */
  id: number;
  /** "User", "Bot", "Organization" or "Mannequin". */
  type: string;
}

/** A label as attached to an issue or pull request. */
export interface LabelRef {
  name: string;
  /** Six hex digits, no "#". */
  color: string;
  description: string | null;
}

/** A milestone as attached to an issue or pull request. */
export interface MilestoneRef {
  number: number;
  title: string;
}

/**
 * Counts GitHub reported next to a parent when it was saved, kept in the
 * parent's record as `reported_counts` so verify can reconcile the folder
 * offline (the children saved must be at least as many). Only counts the
 * record does not already hold (an issue's `comments` is its own field).
 */
export interface ReportedCountsField {
  /** Conversation comments (a pull request's; an issue keeps `comments`). */
  comments?: number;
  reviews?: number;
  /** Review threads: review comments that start one (not replies). */
  review_threads?: number;
  sub_issues?: number;
  labels?: number;
  assignees?: number;
  /** A release's assets. */
  assets?: number;
}

export type PullRequestReportedCounts = Pick<
  ReportedCountsField,
  "comments" | "reviews" | "review_threads" | "labels" | "assignees"
>;
export type IssueReportedCounts = Pick<ReportedCountsField, "sub_issues" | "labels" | "assignees">;
