// One line of milestones.jsonl (REST shape).

import type { Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const MILESTONES_FILE = "milestones.jsonl";

export interface MilestoneRecord {
  id: number;
  node_id: string;
  number: number;
  title: string;
  description: string | null;
  state: "open" | "closed";
  creator: UserRef | null;
  open_issues: number;
  closed_issues: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  closed_at: Timestamp | null;
  due_on: Timestamp | null;
  html_url: string;
}

export function milestoneSortKey(record: MilestoneRecord): SortKey {
  return [record.number];
}
