// Reads a backup folder of the Python `github-data` tool (JSON arrays, no
// manifest; python-github-data.md §2) as records of our format, so its users
// can restore with this tool. Its ids are GraphQL node ids (strings); they are
// turned into stable numbers (a hash) because our records, markers and journal
// key objects by numeric id. What that tool never recorded cannot be restored
// and is listed by `PYTHON_FORMAT_GAPS`.
import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { LabelRef, MilestoneRef, UserRef } from "../backup/record-parts.js";
import { parseUntrustedJson, UntrustedJsonError } from "../backup/untrusted-json.js";
import type { IssueCommentRecord } from "../entities/issue_comments/record.js";
import type { IssueRecord } from "../entities/issues/record.js";
import type { LabelRecord } from "../entities/labels/record.js";
import type { MilestoneRecord } from "../entities/milestones/record.js";
import type { PrCommentRecord } from "../entities/pr_comments/record.js";
import type { PrReviewCommentRecord } from "../entities/pr_review_comments/record.js";
import type { PrReviewRecord, ReviewState } from "../entities/pr_reviews/record.js";
import type { PullRequestRecord } from "../entities/pull_requests/record.js";
import type { ReleaseRecord } from "../entities/releases/record.js";
import {
  type ConversationComment,
  conversationCommentRecord,
} from "../entities/shared/conversation-comment.js";
import type { SubIssueRecord } from "../entities/sub_issues/record.js";
import type { BackupOrigin } from "./types.js";

/** Our file name → the Python tool's. */
export const PYTHON_FILES: Readonly<Record<string, string>> = {
  "labels.jsonl": "labels.json",
  "milestones.jsonl": "milestones.json",
  "issues.jsonl": "issues.json",
  "issue_comments.jsonl": "comments.json",
  "sub_issues.jsonl": "sub_issues.json",
  "pull_requests.jsonl": "pull_requests.json",
  "pr_comments.jsonl": "pr_comments.json",
  "pr_reviews.jsonl": "pr_reviews.json",
  "pr_review_comments.jsonl": "pr_review_comments.json",
  "releases.jsonl": "releases.json",
};

/** What a Python-format backup does not hold, said once per restore. */
export const PYTHON_FORMAT_GAPS =
  "backup of the Python github-data tool: it never recorded issue locks, assignees, closing reasons and closers, " +
  "pull-request head/base commits and drafts, or review-comment commits and sides, so those are not restored; " +
  "release asset files are not in such a backup";

type Json = Record<string, unknown>;

export class PythonFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PythonFormatError";
  }
}

/** True when `dir` holds at least one of the Python tool's files. */
export async function isPythonBackup(dir: string): Promise<boolean> {
  for (const name of Object.values(PYTHON_FILES)) {
    try {
      if ((await stat(join(dir, name))).isFile()) return true;
    } catch {
      // not there
    }
  }
  return false;
}

/** Reads one Python file: a JSON array (or a single object, as that tool accepts); missing → null. */
export async function readPythonFile(dir: string, name: string): Promise<Json[] | null> {
  let text: string;
  try {
    text = await readFile(join(dir, name), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new PythonFormatError(`cannot read ${name}: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = parseUntrustedJson(text);
  } catch (error) {
    if (error instanceof UntrustedJsonError) throw new PythonFormatError(`${name}: ${error.message}`);
    throw new PythonFormatError(`${name} is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(value) ? value : [value];
  list.forEach((item, i) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      throw new PythonFormatError(`${name}: item ${i + 1} is not an object`);
    }
  });
  return list as Json[];
}

/** A stable positive number for a node id (48 bits of its SHA-256); numbers stay numbers. */
export function numericId(value: unknown): number {
  if (typeof value === "number" && Number.isSafeInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value) && Number.isSafeInteger(Number(value)))
    return Number(value);
  const text = typeof value === "string" ? value : JSON.stringify(value ?? null);
  return createHash("sha256").update(text).digest().readUIntBE(0, 6);
}

function s(value: unknown): string {
  return typeof value === "string" ? value : value === null || value === undefined ? "" : String(value);
}

function sOrNull(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

function n(value: unknown, fallback = 0): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function nOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** "2025-01-01 12:00:00+00:00" (Python's str(datetime)) → "2025-01-01T12:00:00Z". */
export function isoTime(value: unknown): string | null {
  if (typeof value !== "string" || value === "") return null;
  const ms = Date.parse(value.includes("T") ? value : value.replace(" ", "T"));
  if (Number.isNaN(ms)) return value;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function user(value: unknown): UserRef | null {
  if (typeof value !== "object" || value === null) return null;
  const u = value as Json;
  if (typeof u.login !== "string" || u.login === "") return null;
  return { login: u.login, id: u.id === null || u.id === undefined ? 0 : numericId(u.id), type: "User" };
}

function labelRef(value: unknown): LabelRef {
  const l = (value ?? {}) as Json;
  return { name: s(l.name), color: s(l.color) || "ededed", description: sOrNull(l.description) };
}

function milestoneRef(value: unknown): MilestoneRef | null {
  if (typeof value !== "object" || value === null) return null;
  const m = value as Json;
  return { number: n(m.number), title: s(m.title) };
}

function lower(value: unknown): string | null {
  return typeof value === "string" ? value.toLowerCase() : null;
}

function numberAfter(url: unknown, segment: string): number | null {
  const match = new RegExp(`/${segment}/(\\d+)`).exec(s(url));
  return match ? Number(match[1]) : null;
}

/** The source repository named by a record's web URL (".../owner/repo/issues/3"). */
export function originFromUrl(url: unknown): BackupOrigin | null {
  const match =
    /^(https?:\/\/[^/]+(?:\/[^/]+)*?)\/([^/]+)\/([^/]+)\/(?:issues|pull|milestone|releases)(?:\/|$)/.exec(
      s(url),
    );
  if (!match) return null;
  const [, host, owner, repo] = match as unknown as [string, string, string, string];
  return { owner, repo, webUrl: `${host}/${owner}/${repo}` };
}

const byNumber = <T extends { number: number }>(a: T, b: T) => a.number - b.number;

const REVIEW_STATES = new Set<ReviewState>([
  "APPROVED",
  "CHANGES_REQUESTED",
  "COMMENTED",
  "DISMISSED",
  "PENDING",
]);

/** Adapts the Python file behind `ourFile` to our records, in our file's order. null = no such file. */
export async function readPythonRecords(dir: string, ourFile: string): Promise<unknown[] | null> {
  const name = PYTHON_FILES[ourFile];
  if (!name) return null;
  const items = await readPythonFile(dir, name);
  if (items === null) {
    // Old versions nested sub-issues in issues.json only.
    if (ourFile === "sub_issues.jsonl") {
      const issues = await readPythonFile(dir, "issues.json");
      if (!issues) return null;
      return issues
        .flatMap((i) => (Array.isArray(i.sub_issues) ? (i.sub_issues as Json[]) : []))
        .map(subIssue)
        .sort(bySubIssue);
    }
    return null;
  }
  switch (ourFile) {
    case "labels.jsonl":
      return items.map(label);
    case "milestones.jsonl":
      return items.map(milestone).sort(byNumber);
    case "issues.jsonl":
      return items.map(issue).sort(byNumber);
    case "issue_comments.jsonl":
      return items.map(issueComment);
    case "sub_issues.jsonl":
      return items.map(subIssue).sort(bySubIssue);
    case "pull_requests.jsonl":
      return items.map(pullRequest).sort(byNumber);
    case "pr_comments.jsonl":
      return items.map(prComment);
    case "pr_reviews.jsonl":
      return items.map(prReview);
    case "pr_review_comments.jsonl":
      return items.map(prReviewComment);
    case "releases.jsonl":
      return items.map(release);
    default:
      return null;
  }
}

function bySubIssue(a: SubIssueRecord, b: SubIssueRecord): number {
  return a.parent_number - b.parent_number || a.position - b.position;
}

function label(l: Json): LabelRecord {
  return {
    id: numericId(l.id ?? l.name),
    node_id: s(l.id),
    name: s(l.name),
    color: s(l.color) || "ededed",
    description: sOrNull(l.description),
    default: false,
  };
}

function milestone(m: Json): MilestoneRecord {
  return {
    id: numericId(m.id ?? `milestone-${s(m.number)}`),
    node_id: s(m.id),
    number: n(m.number),
    title: s(m.title),
    description: sOrNull(m.description),
    state: lower(m.state) === "closed" ? "closed" : "open",
    creator: user(m.creator),
    open_issues: n(m.open_issues),
    closed_issues: n(m.closed_issues),
    created_at: isoTime(m.created_at) ?? "",
    updated_at: isoTime(m.updated_at) ?? "",
    closed_at: isoTime(m.closed_at),
    due_on: isoTime(m.due_on),
    html_url: s(m.html_url),
  };
}

function issue(i: Json): IssueRecord {
  const state = lower(i.state) === "closed" ? "closed" : "open";
  return {
    id: numericId(i.id ?? `issue-${s(i.number)}`),
    node_id: s(i.id),
    number: n(i.number),
    title: s(i.title),
    body: sOrNull(i.body),
    state,
    state_reason: lower(i.state_reason),
    locked: false,
    active_lock_reason: null,
    user: user(i.user),
    labels: labelsOf(i),
    assignees: assigneesOf(i),
    milestone: milestoneRef(i.milestone),
    comments: n(i.comments_count),
    author_association: "NONE",
    created_at: isoTime(i.created_at) ?? "",
    updated_at: isoTime(i.updated_at) ?? "",
    closed_at: isoTime(i.closed_at),
    closed_by: user(i.closed_by),
    html_url: s(i.html_url),
  };
}

function labelsOf(x: Json): LabelRef[] {
  return (Array.isArray(x.labels) ? x.labels : []).map(labelRef);
}

function assigneesOf(x: Json): UserRef[] {
  return (Array.isArray(x.assignees) ? x.assignees : []).map(user).filter((u): u is UserRef => u !== null);
}

/** A conversation comment of the Python format, in the shape the save side maps from. */
function conversationComment(c: Json, parentNumber: number, onPullRequest: boolean): ConversationComment {
  return {
    id: numericId(c.id),
    node_id: s(c.id),
    parentNumber,
    onPullRequest,
    body: s(c.body),
    user: user(c.user),
    author_association: "NONE",
    created_at: isoTime(c.created_at) ?? "",
    updated_at: isoTime(c.updated_at) ?? "",
    html_url: s(c.html_url),
  };
}

function issueComment(c: Json): IssueCommentRecord {
  const parent = numberAfter(c.issue_url, "issues") ?? numberAfter(c.html_url, "issues") ?? 0;
  return conversationCommentRecord(conversationComment(c, parent, false), "issue_number");
}

function subIssue(x: Json): SubIssueRecord {
  return {
    parent_number: n(x.parent_issue_number),
    parent_id: numericId(x.parent_issue_id),
    sub_issue_number: n(x.sub_issue_number),
    sub_issue_id: numericId(x.sub_issue_id),
    position: n(x.position, 1),
  };
}

function pullRequest(p: Json): PullRequestRecord {
  const state = s(p.state).toUpperCase();
  return {
    id: numericId(p.id ?? `pull-${s(p.number)}`),
    node_id: s(p.id),
    number: n(p.number),
    title: s(p.title),
    body: sOrNull(p.body),
    state: state === "OPEN" ? "open" : "closed",
    locked: false,
    active_lock_reason: null,
    user: user(p.user),
    labels: labelsOf(p),
    assignees: assigneesOf(p),
    milestone: milestoneRef(p.milestone),
    draft: false,
    head: { ref: s(p.head_ref), sha: "", repo: null },
    base: { ref: s(p.base_ref), sha: "", repo: null },
    merged: state === "MERGED" || (p.merged_at !== null && p.merged_at !== undefined),
    merged_at: isoTime(p.merged_at),
    merge_commit_sha: sOrNull(p.merge_commit_sha),
    author_association: "NONE",
    created_at: isoTime(p.created_at) ?? "",
    updated_at: isoTime(p.updated_at) ?? "",
    closed_at: isoTime(p.closed_at),
    html_url: s(p.html_url),
  };
}

function prComment(c: Json): PrCommentRecord {
  const parent = nOrNull(c.pull_request_number) ?? numberAfter(c.pull_request_url, "pull") ?? 0;
  return conversationCommentRecord(conversationComment(c, parent, true), "pull_request_number");
}

function prReview(r: Json): PrReviewRecord {
  const state = s(r.state).toUpperCase() as ReviewState;
  return {
    id: numericId(r.id),
    node_id: s(r.id),
    pull_request_number: nOrNull(r.pr_number) ?? numberAfter(r.pull_request_url, "pull") ?? 0,
    user: user(r.user),
    body: sOrNull(r.body),
    state: REVIEW_STATES.has(state) ? state : "COMMENTED",
    commit_id: sOrNull(r.commit_id),
    author_association: s(r.author_association) || "NONE",
    submitted_at: isoTime(r.submitted_at),
    html_url: s(r.html_url),
  };
}

function prReviewComment(c: Json): PrReviewCommentRecord {
  return {
    id: numericId(c.id),
    node_id: s(c.id),
    pull_request_number: nOrNull(c.pr_number) ?? numberAfter(c.pull_request_url, "pull") ?? 0,
    pull_request_review_id: c.review_id === null || c.review_id === undefined ? null : numericId(c.review_id),
    in_reply_to_id:
      c.in_reply_to_id === null || c.in_reply_to_id === undefined ? null : numericId(c.in_reply_to_id),
    path: s(c.path),
    line: nOrNull(c.line),
    side: null,
    start_line: null,
    start_side: null,
    original_line: nOrNull(c.line),
    position: null,
    original_position: null,
    subject_type: "line",
    diff_hunk: s(c.diff_hunk),
    commit_id: "",
    original_commit_id: "",
    body: s(c.body),
    user: user(c.user),
    author_association: "NONE",
    created_at: isoTime(c.created_at) ?? "",
    updated_at: isoTime(c.updated_at) ?? "",
    html_url: s(c.html_url),
  };
}

function release(r: Json): ReleaseRecord {
  const assets = Array.isArray(r.assets) ? (r.assets as Json[]) : [];
  return {
    id: numericId(r.id),
    node_id: s(r.node_id ?? r.id),
    tag_name: s(r.tag_name),
    target_commitish: s(r.target_commitish),
    name: sOrNull(r.name),
    body: sOrNull(r.body),
    draft: r.draft === true,
    prerelease: r.prerelease === true,
    author: user(r.author),
    created_at: isoTime(r.created_at) ?? "",
    published_at: isoTime(r.published_at),
    html_url: s(r.html_url),
    assets: assets.map((a) => ({
      id: numericId(a.id),
      name: s(a.name),
      label: null,
      content_type: s(a.content_type) || "application/octet-stream",
      size: n(a.size),
      created_at: isoTime(a.created_at) ?? "",
      updated_at: isoTime(a.updated_at) ?? "",
      sha256: null,
      path: null,
    })),
  };
}
