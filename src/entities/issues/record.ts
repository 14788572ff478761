// One line of issues.jsonl: an issue (never a pull request; those live only in
// pull_requests.jsonl). REST shape with nested references trimmed.
import type {
  IssueReportedCounts,
  LabelRef,
  MilestoneRef,
  Timestamp,
  UserRef,
} from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const ISSUES_FILE = "issues.jsonl";

export interface IssueRecord {
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  /** "completed", "not_planned", "duplicate", "reopened" or null. */
  state_reason: string | null;
  locked: boolean;
  /** "off-topic", "too heated", "resolved", "spam" or null. */
  active_lock_reason: string | null;
  user: UserRef | null;
  /** Sorted by name. */
  labels: LabelRef[];
  /** Sorted by login. */
  assignees: UserRef[];
  milestone: MilestoneRef | null;
  /** Number of conversation comments. */
  comments: number;
  author_association: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  closed_by: UserRef | null;
  html_url: string;
  /** Counts GitHub reported next to the issue, besides `comments` (absent in older backups). */
  reported_counts?: IssueReportedCounts;
}

export function issueSortKey(record: IssueRecord): SortKey {
  return [record.number];
}
