// One line of teams.jsonl: an organisation team with access to the repository.
import type { SortKey } from "../../backup/sort-key.js";

export const TEAMS_FILE = "teams.jsonl";

export interface TeamRecord {
  id: number;
  node_id: string;
  slug: string;
  name: string;
  description: string | null;
  privacy: string | null;
  /** pull, triage, push, maintain, admin, or a custom role's name. */
  permission: string;
  /** The parent team's slug, or null. */
  parent: string | null;
}

export function teamSortKey(record: TeamRecord): SortKey {
  return [record.id];
}
