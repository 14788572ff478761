// One line of collaborators.jsonl: a person with access to the repository.
import type { SortKey } from "../../backup/sort-key.js";

export const COLLABORATORS_FILE = "collaborators.jsonl";

export interface CollaboratorRecord {
  login: string;
  id: number;
  type: string;
  /** read, triage, write, maintain, admin, or a custom role's name. */
  role_name: string;
  permissions: { pull: boolean; triage: boolean; push: boolean; maintain: boolean; admin: boolean } | null;
}

export function collaboratorSortKey(record: CollaboratorRecord): SortKey {
  return [record.id];
}
