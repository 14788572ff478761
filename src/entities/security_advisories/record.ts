// One line of security_advisories.jsonl: a repository security advisory in
// GitHub's REST shape (people as references, no URLs).
import type { SortKey } from "../../backup/sort-key.js";
import type { Json } from "../shared/fields.js";
import type { UserRef } from "../shared/rest-refs.js";

export const SECURITY_ADVISORIES_FILE = "security_advisories.jsonl";

export interface SecurityAdvisoryRecord {
  ghsa_id: string;
  cve_id: string | null;
  summary: string;
  description: string | null;
  severity: string | null;
  author: UserRef | null;
  publisher: UserRef | null;
  identifiers: Array<{ type: string; value: string }>;
  state: string;
  created_at: string | null;
  updated_at: string | null;
  published_at: string | null;
  closed_at: string | null;
  withdrawn_at: string | null;
  /** `{package: {ecosystem, name}, vulnerable_version_range, patched_versions, vulnerable_functions}` as GitHub names them. */
  vulnerabilities: Json[];
  cvss: { vector_string: string | null; score: number | null } | null;
  cwe_ids: string[];
  credits: Array<{ login: string; type: string }>;
}

/** Advisories have no numeric id: sorted by GHSA id. */
export function securityAdvisorySortKey(record: SecurityAdvisoryRecord): SortKey {
  return [record.ghsa_id];
}
