// repository.json: the repository's own settings, one JSON object on one line
// (GET /repos/{owner}/{repo} field names). Merge settings are null when GitHub
// did not report them (it reports them to administrators only).
import type { SortKey } from "../../backup/sort-key.js";
import type { UserRef } from "../shared/rest-refs.js";

export const REPOSITORY_FILE = "repository.json";

/** The features a repository turns on or off. */
export const FEATURE_FIELDS = ["has_issues", "has_projects", "has_wiki", "has_discussions"] as const;

/** Merge settings, as PATCH /repos/{owner}/{repo} takes them. */
export const MERGE_FIELDS = [
  "allow_squash_merge",
  "allow_merge_commit",
  "allow_rebase_merge",
  "allow_auto_merge",
  "delete_branch_on_merge",
  "allow_update_branch",
  "use_squash_pr_title_as_default",
  "squash_merge_commit_title",
  "squash_merge_commit_message",
  "merge_commit_title",
  "merge_commit_message",
  "web_commit_signoff_required",
] as const;

export type FeatureField = (typeof FEATURE_FIELDS)[number];
export type MergeField = (typeof MERGE_FIELDS)[number];

export type RepositoryRecord = {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  owner: UserRef;
  description: string | null;
  homepage: string | null;
  /** Sorted. */
  topics: string[];
  visibility: string;
  private: boolean;
  default_branch: string;
  archived: boolean;
  is_template: boolean;
  allow_forking: boolean | null;
} & Record<FeatureField, boolean> &
  Record<MergeField, boolean | string | null>;

export function repositorySortKey(record: RepositoryRecord): SortKey {
  return [record.id];
}
