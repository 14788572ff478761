// One line of issue_events.jsonl: one event of an issue's or pull request's
// timeline, in GitHub's REST event shape plus the number it belongs to.
import type { Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const ISSUE_EVENTS_FILE = "issue_events.jsonl";

/** The event types saved, as REST names them. */
export const ISSUE_EVENT_TYPES = [
  "labeled",
  "unlabeled",
  "assigned",
  "unassigned",
  "milestoned",
  "demilestoned",
  "renamed",
  "closed",
  "reopened",
  "locked",
  "unlocked",
  "referenced",
  "cross-referenced",
  "merged",
  "review_requested",
  "head_ref_deleted",
  "convert_to_draft",
  "ready_for_review",
] as const;

export type IssueEventType = (typeof ISSUE_EVENT_TYPES)[number];

/** The issue or pull request whose text mentioned this one (cross-referenced). */
export interface CrossReferenceSource {
  type: "issue";
  issue: {
    number: number;
    html_url: string;
    /** Present when the source is a pull request. */
    pull_request?: { html_url: string };
    repository: { full_name: string };
  };
}

export interface IssueEventRecord {
  /** The issue's or pull request's number. */
  issue_number: number;
  /** GitHub's global id of the event (GraphQL gives no numeric id). */
  node_id: string;
  event: IssueEventType;
  /** Who did it; null for a deleted account. */
  actor: UserRef | null;
  created_at: Timestamp;
  /** referenced, merged: the commit. */
  commit_id?: string | null;
  /** labeled, unlabeled. */
  label?: { name: string; color: string };
  /** assigned, unassigned. */
  assignee?: UserRef | null;
  /** milestoned, demilestoned. */
  milestone?: { title: string };
  /** renamed. */
  rename?: { from: string; to: string };
  /** closed, reopened. */
  state_reason?: string | null;
  /** locked. */
  lock_reason?: string | null;
  /** review_requested: the account asked (null for a team or a deleted account). */
  requested_reviewer?: UserRef | null;
  /** cross-referenced. */
  source?: CrossReferenceSource;
}

export function issueEventSortKey(record: IssueEventRecord): SortKey {
  return [record.issue_number, record.created_at, record.node_id];
}
