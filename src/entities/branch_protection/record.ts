// One line of branch_protection.jsonl: a protected branch's classic protection
// (GitHub's REST shape without its URLs; users, teams and apps as references).
import type { SortKey } from "../../backup/sort-key.js";
import type { UserRef } from "../shared/rest-refs.js";

export const BRANCH_PROTECTION_FILE = "branch_protection.jsonl";

export interface TeamRef {
  id: number;
  slug: string;
  name: string;
}

export interface Allowances {
  users: UserRef[];
  teams: TeamRef[];
  /** App slugs. */
  apps: string[];
}

/** The on/off settings, each `{enabled}` in GitHub's answer and a boolean here. */
export const PROTECTION_FLAGS = [
  "enforce_admins",
  "required_signatures",
  "required_linear_history",
  "allow_force_pushes",
  "allow_deletions",
  "block_creations",
  "required_conversation_resolution",
  "lock_branch",
  "allow_fork_syncing",
] as const;

export type ProtectionFlag = (typeof PROTECTION_FLAGS)[number];

export type BranchProtectionRecord = {
  branch: string;
  required_status_checks: { strict: boolean; contexts: string[] } | null;
  required_pull_request_reviews: {
    dismiss_stale_reviews: boolean;
    require_code_owner_reviews: boolean;
    required_approving_review_count: number;
    require_last_push_approval: boolean;
    /** Who may dismiss reviews; null = anyone with write access. */
    dismissal_restrictions: Allowances | null;
  } | null;
  /** Who may push; null = anyone with write access. */
  restrictions: Allowances | null;
} & Record<ProtectionFlag, boolean>;

export function branchProtectionSortKey(record: BranchProtectionRecord): SortKey {
  return [record.branch];
}
