// One line of pull_requests.jsonl (REST pull-request shape, trimmed).
import type {
  LabelRef,
  MilestoneRef,
  PullRequestReportedCounts,
  Timestamp,
  UserRef,
} from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const PULL_REQUESTS_FILE = "pull_requests.jsonl";

export interface PullRequestBranch {
  ref: string;
  sha: string;
  /** null when the head repository (a fork) was deleted. */
  repo: { full_name: string } | null;
}

export interface PullRequestRecord {
  /** The pull-request id (not the id of the issue behind it). */
  id: number;
  node_id: string;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  locked: boolean;
  active_lock_reason: string | null;
  user: UserRef | null;
  /** Sorted by name. */
  labels: LabelRef[];
  /** Sorted by login. */
  assignees: UserRef[];
  milestone: MilestoneRef | null;
  draft: boolean;
  head: PullRequestBranch;
  base: PullRequestBranch;
  merged: boolean;
  merged_at: Timestamp | null;
  merge_commit_sha: string | null;
  author_association: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  html_url: string;
  /** Counts GitHub reported for the pull request (absent when they could not be read). */
  reported_counts?: PullRequestReportedCounts;
}

export function pullRequestSortKey(record: PullRequestRecord): SortKey {
  return [record.number];
}
