// One line of labels.jsonl: a repository label (REST shape).
import type { SortKey } from "../../backup/sort-key.js";

export const LABELS_FILE = "labels.jsonl";

export interface LabelRecord {
  id: number;
  node_id: string;
  name: string;
  /** Six hex digits, no "#". */
  color: string;
  description: string | null;
  /** One of GitHub's default labels for new repositories. */
  default: boolean;
}

export function labelSortKey(record: LabelRecord): SortKey {
  return [record.id];
}
