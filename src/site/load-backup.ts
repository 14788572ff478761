// Loads a finished backup folder for the site, read-only: refuses anything
// that is not one, verifies it (checksums, schemas, order), then reads every
// record file and groups children under their parents.

import { type Manifest, readManifest } from "../backup/manifest.js";
import { classifyFolder } from "../backup/save-state.js";
import { verifyBackup } from "../backup/verify.js";
import { ATTACHMENTS_FILE, type AttachmentRecord } from "../entities/attachments/record.js";
import { RECORD_FILES } from "../entities/index.js";
import { ISSUE_COMMENTS_FILE, type IssueCommentRecord } from "../entities/issue_comments/record.js";
import { ISSUE_EVENTS_FILE, type IssueEventRecord } from "../entities/issue_events/record.js";
import { ISSUES_FILE, type IssueRecord } from "../entities/issues/record.js";
import { LABELS_FILE, type LabelRecord } from "../entities/labels/record.js";
import { MILESTONES_FILE, type MilestoneRecord } from "../entities/milestones/record.js";
import { PR_COMMENTS_FILE, type PrCommentRecord } from "../entities/pr_comments/record.js";
import {
  PR_REVIEW_COMMENTS_FILE,
  type PrReviewCommentRecord,
} from "../entities/pr_review_comments/record.js";
import { PR_REVIEWS_FILE, type PrReviewRecord } from "../entities/pr_reviews/record.js";
import { PULL_REQUESTS_FILE, type PullRequestRecord } from "../entities/pull_requests/record.js";
import { RELEASES_FILE, type ReleaseRecord } from "../entities/releases/record.js";
import { REPOSITORY_FILE, type RepositoryRecord } from "../entities/repository/record.js";
import { SUB_ISSUES_FILE, type SubIssueRecord } from "../entities/sub_issues/record.js";
import { readRecords } from "./read-records.js";
import { SiteInputError } from "./site-error.js";

export interface LoadedBackup {
  dir: string;
  manifest: Manifest;
  /** The repository's settings (repository.json), when the backup holds them. */
  repository: RepositoryRecord | undefined;
  labels: LabelRecord[];
  milestones: MilestoneRecord[];
  issues: IssueRecord[];
  pulls: PullRequestRecord[];
  releases: ReleaseRecord[];
  subIssues: SubIssueRecord[];
  /** Conversation comments by issue number, oldest first. */
  issueComments: Map<number, IssueCommentRecord[]>;
  /** Conversation comments by pull-request number, oldest first. */
  prComments: Map<number, PrCommentRecord[]>;
  /** Reviews by pull-request number, in submission order. */
  reviews: Map<number, PrReviewRecord[]>;
  /** Review (diff) comments by pull-request number, oldest first. */
  reviewComments: Map<number, PrReviewCommentRecord[]>;
  /** Timeline events by issue or pull-request number, oldest first (none in older backups). */
  events: Map<number, IssueEventRecord[]>;
  /** Saved attachments: the URL as bodies spell it → the file's path in the backup folder. */
  attachments: Map<string, string>;
}

/** An attachment's file as the format names it, listed (so checked) in the manifest. */
const ATTACHMENT_PATH = /^attachments\/[0-9a-f]{64}\/[^/]+$/;

function savedAttachments(records: AttachmentRecord[], manifest: Manifest): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    const path = r.path;
    // Untrusted: only a file of the attachments folder that verify hashed is linked.
    if (r.status !== "saved" || path === null || !ATTACHMENT_PATH.test(path)) continue;
    if (path.endsWith("/..") || path.endsWith("/.") || manifest.files[path] === undefined) continue;
    out.set(r.url, path);
  }
  return out;
}

/** Throws SiteInputError (one line) unless `dir` is a finished backup that verifies. */
export async function checkBackupFolder(dir: string): Promise<void> {
  const kind = await classifyFolder(dir);
  if (kind === "missing") throw new SiteInputError(`${dir} does not exist`);
  if (kind === "not-a-directory") throw new SiteInputError(`${dir} is not a folder`);
  if (kind === "unfinished-backup") {
    throw new SiteInputError(
      `${dir} holds an unfinished save (no manifest.json yet); finish it with save --resume first`,
    );
  }
  if (kind !== "finished-backup") {
    throw new SiteInputError(`${dir} is not a github-data backup (no manifest.json)`);
  }
  const report = await verifyBackup(dir, RECORD_FILES, { maxProblemsPerFile: 1 });
  if (!report.ok) {
    const first = report.problems[0];
    const where = first?.file ? `${first.file}${first.line ? `:${first.line}` : ""}: ` : "";
    throw new SiteInputError(
      `${dir} does not verify (${report.problems.length} problem(s), first: ${where}${first?.message ?? "?"}); run 'github-data verify ${dir}'`,
    );
  }
}

function groupBy<T>(
  records: T[],
  key: (record: T) => number,
  order: (a: T, b: T) => number,
): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const record of records) {
    const k = key(record);
    const list = groups.get(k);
    if (list) list.push(record);
    else groups.set(k, [record]);
  }
  for (const list of groups.values()) list.sort(order);
  return groups;
}

function byTime<T extends { id: number }>(at: (r: T) => string | null) {
  return (a: T, b: T): number => {
    const ta = at(a) ?? "";
    const tb = at(b) ?? "";
    return ta < tb ? -1 : ta > tb ? 1 : a.id - b.id;
  };
}

const created = byTime((r: { id: number; created_at: string }) => r.created_at);
const submitted = byTime((r: PrReviewRecord) => r.submitted_at);

/** Reads a backup already checked by checkBackupFolder. */
export async function loadBackup(dir: string): Promise<LoadedBackup> {
  const manifest = await readManifest(dir);
  const [
    labels,
    milestones,
    issues,
    pulls,
    releases,
    subIssues,
    issueComments,
    prComments,
    reviews,
    reviewComments,
    events,
    repository,
    attachments,
  ] = await Promise.all([
    readRecords<LabelRecord>(dir, LABELS_FILE),
    readRecords<MilestoneRecord>(dir, MILESTONES_FILE),
    readRecords<IssueRecord>(dir, ISSUES_FILE),
    readRecords<PullRequestRecord>(dir, PULL_REQUESTS_FILE),
    readRecords<ReleaseRecord>(dir, RELEASES_FILE),
    readRecords<SubIssueRecord>(dir, SUB_ISSUES_FILE),
    readRecords<IssueCommentRecord>(dir, ISSUE_COMMENTS_FILE),
    readRecords<PrCommentRecord>(dir, PR_COMMENTS_FILE),
    readRecords<PrReviewRecord>(dir, PR_REVIEWS_FILE),
    readRecords<PrReviewCommentRecord>(dir, PR_REVIEW_COMMENTS_FILE),
    readRecords<IssueEventRecord>(dir, ISSUE_EVENTS_FILE),
    readRecords<RepositoryRecord>(dir, REPOSITORY_FILE),
    readRecords<AttachmentRecord>(dir, ATTACHMENTS_FILE),
  ]);
  return {
    dir,
    manifest,
    repository: repository[0],
    labels: labels.sort((a, b) => a.name.localeCompare(b.name)),
    milestones,
    issues,
    pulls,
    releases,
    subIssues,
    issueComments: groupBy(issueComments, (c) => c.issue_number, created),
    prComments: groupBy(prComments, (c) => c.pull_request_number, created),
    reviews: groupBy(reviews, (r) => r.pull_request_number, submitted),
    reviewComments: groupBy(reviewComments, (c) => c.pull_request_number, created),
    // The file is sorted by number, then time: each group is in order already.
    events: groupBy(
      events,
      (e) => e.issue_number,
      () => 0,
    ),
    attachments: savedAttachments(attachments, manifest),
  };
}
