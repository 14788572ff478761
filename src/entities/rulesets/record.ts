// One line of rulesets.jsonl: a repository ruleset in GitHub's REST shape
// (conditions, rules and bypass actors as GitHub names them; no links).
import type { SortKey } from "../../backup/sort-key.js";
import type { Json } from "../shared/fields.js";

export const RULESETS_FILE = "rulesets.jsonl";

export interface RulesetRecord {
  id: number;
  node_id: string | null;
  name: string;
  target: string | null;
  source_type: string | null;
  source: string;
  enforcement: string;
  /** `{actor_id, actor_type, bypass_mode}`; actor ids are the source's (users, teams, apps). */
  bypass_actors: Json[];
  conditions: Json | null;
  rules: Json[];
  created_at: string | null;
  updated_at: string | null;
}

export function rulesetSortKey(record: RulesetRecord): SortKey {
  return [record.id];
}
