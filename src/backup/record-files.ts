// The JSONL files of a backup, with their sort keys and schemas, in
// docs/format.md order. verify and restore look files up here.
import { ISSUE_COMMENTS_FILE, issueCommentSortKey } from "../entities/issue_comments/record.js";
import { ISSUES_FILE, issueSortKey } from "../entities/issues/record.js";
import { LABELS_FILE, labelSortKey } from "../entities/labels/record.js";
import { MILESTONES_FILE, milestoneSortKey } from "../entities/milestones/record.js";
import { PR_COMMENTS_FILE, prCommentSortKey } from "../entities/pr_comments/record.js";
import { PR_REVIEW_COMMENTS_FILE, prReviewCommentSortKey } from "../entities/pr_review_comments/record.js";
import { PR_REVIEWS_FILE, prReviewSortKey } from "../entities/pr_reviews/record.js";
import { PULL_REQUESTS_FILE, pullRequestSortKey } from "../entities/pull_requests/record.js";
import { RELEASES_FILE, releaseSortKey } from "../entities/releases/record.js";
import { SUB_ISSUES_FILE, subIssueSortKey } from "../entities/sub_issues/record.js";
import type { SchemaFile } from "./schemas.js";
import type { SortKey } from "./sort-key.js";

export interface RecordFile {
  /** The entity (job) that writes the file. */
  entity: string;
  /** File name relative to the backup folder. */
  file: string;
  schema: SchemaFile;
  /** Only call on a record that passed the schema. */
  sortKey(record: unknown): SortKey;
}

function entry<T>(
  entity: string,
  file: string,
  schema: SchemaFile,
  sortKey: (record: T) => SortKey,
): RecordFile {
  return { entity, file, schema, sortKey: (record) => sortKey(record as T) };
}

export const RECORD_FILES: readonly RecordFile[] = [
  entry("labels", LABELS_FILE, "labels.schema.json", labelSortKey),
  entry("milestones", MILESTONES_FILE, "milestones.schema.json", milestoneSortKey),
  entry("issues", ISSUES_FILE, "issues.schema.json", issueSortKey),
  entry("issue_comments", ISSUE_COMMENTS_FILE, "issue_comments.schema.json", issueCommentSortKey),
  entry("sub_issues", SUB_ISSUES_FILE, "sub_issues.schema.json", subIssueSortKey),
  entry("pull_requests", PULL_REQUESTS_FILE, "pull_requests.schema.json", pullRequestSortKey),
  entry("pr_comments", PR_COMMENTS_FILE, "pr_comments.schema.json", prCommentSortKey),
  entry("pr_reviews", PR_REVIEWS_FILE, "pr_reviews.schema.json", prReviewSortKey),
  entry(
    "pr_review_comments",
    PR_REVIEW_COMMENTS_FILE,
    "pr_review_comments.schema.json",
    prReviewCommentSortKey,
  ),
  entry("releases", RELEASES_FILE, "releases.schema.json", releaseSortKey),
];

export function recordFileFor(file: string): RecordFile | undefined {
  return RECORD_FILES.find((f) => f.file === file);
}
