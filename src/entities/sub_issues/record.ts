// One line of sub_issues.jsonl: one parent → child link.
import type { SortKey } from "../../backup/sort-key.js";

export const SUB_ISSUES_FILE = "sub_issues.jsonl";

export interface SubIssueRecord {
  parent_number: number;
  /** The parent's numeric REST issue id. */
  parent_id: number;
  sub_issue_number: number;
  /** The child's numeric REST issue id (what the add-sub-issue endpoint takes). */
  sub_issue_id: number;
  /** 0-based index of the child in the parent's ordered list. */
  position: number;
  /** "owner/name", present only when the child lives in another repository. */
  sub_issue_repository?: string;
}

export function subIssueSortKey(record: SubIssueRecord): SortKey {
  return [record.parent_number, record.position];
}
