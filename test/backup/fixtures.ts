// Typed sample records, one or more per backup file. Being typed with the
// record interfaces, they fail to compile if an interface gains a field the
// samples lack; schemas.test.ts checks they match the JSON Schemas exactly.
import { type Manifest, manifestFiles } from "../../src/backup/manifest.js";
import type { IssueCommentRecord } from "../../src/entities/issue_comments/record.js";
import type { IssueEventRecord } from "../../src/entities/issue_events/record.js";
import type { IssueRecord } from "../../src/entities/issues/record.js";
import type { LabelRecord } from "../../src/entities/labels/record.js";
import type { MilestoneRecord } from "../../src/entities/milestones/record.js";
import type { PrCommentRecord } from "../../src/entities/pr_comments/record.js";
import type { PrReviewCommentRecord } from "../../src/entities/pr_review_comments/record.js";
import type { PrReviewRecord } from "../../src/entities/pr_reviews/record.js";
import type { PullRequestRecord } from "../../src/entities/pull_requests/record.js";
import type { ReactionRecord } from "../../src/entities/reactions/record.js";
import type { ReleaseRecord } from "../../src/entities/releases/record.js";
import type { SubIssueRecord } from "../../src/entities/sub_issues/record.js";

const maya = { login: "maya", id: 42, type: "User" };
const bot = { login: "ci[bot]", id: 77, type: "Bot" };

export const label: LabelRecord = {
  id: 101,
  node_id: "LA_1",
  name: "bug",
  color: "d73a4a",
  description: "Something is broken",
  default: true,
};

export const milestone: MilestoneRecord = {
  id: 201,
  node_id: "MI_1",
  number: 1,
  title: "v1.0",
  description: null,
  state: "closed",
  creator: maya,
  open_issues: 0,
  closed_issues: 3,
  created_at: "2025-02-01T09:00:00Z",
  updated_at: "2025-03-01T09:00:00Z",
  closed_at: "2025-03-02T10:00:00Z",
  due_on: null,
  html_url: "https://github.com/o/r/milestone/1",
};

export function issue(number: number, overrides: Partial<IssueRecord> = {}): IssueRecord {
  return {
    id: 1000 + number,
    node_id: `I_${number}`,
    number,
    title: `Issue ${number} ✨`,
    body: number % 2 ? null : "Steps:\n1. run\n2. crash \u2028 done",
    state: "closed",
    state_reason: "completed",
    locked: false,
    active_lock_reason: null,
    user: number % 3 ? maya : null,
    labels: [{ name: "bug", color: "d73a4a", description: null }],
    assignees: [bot, maya],
    milestone: { number: 1, title: "v1.0" },
    // As GitHub reports it: the comments this fixture holds (verify reconciles them).
    comments: number === issueComment.issue_number ? 1 : 0,
    author_association: "OWNER",
    created_at: "2025-04-01T12:00:00Z",
    updated_at: "2025-04-02T08:30:00.123Z",
    closed_at: "2025-04-02T08:30:00Z",
    closed_by: maya,
    html_url: `https://github.com/o/r/issues/${number}`,
    ...overrides,
  };
}

export const issueComment: IssueCommentRecord = {
  id: 9001,
  node_id: "IC_1",
  issue_number: 3,
  body: "Reproduced",
  user: maya,
  author_association: "MEMBER",
  created_at: "2025-04-01T13:00:00Z",
  updated_at: "2025-04-01T13:00:00Z",
  html_url: "https://github.com/o/r/issues/3#issuecomment-9001",
};

export const subIssue: SubIssueRecord = {
  parent_number: 3,
  parent_id: 1003,
  sub_issue_number: 4,
  sub_issue_id: 1004,
  position: 0,
};

export const crossRepoSubIssue: SubIssueRecord = {
  parent_number: 3,
  parent_id: 1003,
  sub_issue_number: 12,
  sub_issue_id: 5012,
  position: 1,
  sub_issue_repository: "o/other",
};

export const pullRequest: PullRequestRecord = {
  id: 3005,
  node_id: "PR_5",
  number: 5,
  title: "Fix crash",
  body: "Closes #3",
  state: "closed",
  locked: false,
  active_lock_reason: null,
  user: maya,
  labels: [],
  assignees: [],
  milestone: null,
  draft: false,
  head: { ref: "fix-crash", sha: "a".repeat(40), repo: null },
  base: { ref: "main", sha: "b".repeat(40), repo: { full_name: "o/r" } },
  merged: true,
  merged_at: "2025-04-04T10:00:00Z",
  merge_commit_sha: "c".repeat(40),
  author_association: "OWNER",
  created_at: "2025-04-03T09:00:00Z",
  updated_at: "2025-04-04T10:00:00Z",
  closed_at: "2025-04-04T10:00:00Z",
  html_url: "https://github.com/o/r/pull/5",
};

export const prComment: PrCommentRecord = {
  id: 9100,
  node_id: "IC_2",
  pull_request_number: 5,
  body: "LGTM",
  user: null,
  author_association: "NONE",
  created_at: "2025-04-03T11:00:00Z",
  updated_at: "2025-04-03T11:00:00Z",
  html_url: "https://github.com/o/r/pull/5#issuecomment-9100",
};

export const prReview: PrReviewRecord = {
  id: 77,
  node_id: "PRR_1",
  pull_request_number: 5,
  user: maya,
  body: "",
  state: "APPROVED",
  commit_id: "a".repeat(40),
  author_association: "MEMBER",
  submitted_at: "2025-04-03T12:00:00Z",
  html_url: "https://github.com/o/r/pull/5#pullrequestreview-77",
};

export const prReviewComment: PrReviewCommentRecord = {
  id: 555,
  node_id: "PRRC_1",
  pull_request_number: 5,
  pull_request_review_id: 77,
  in_reply_to_id: null,
  path: "app/main.py",
  line: 12,
  side: "RIGHT",
  start_line: null,
  start_side: null,
  original_line: 12,
  position: 4,
  original_position: 4,
  subject_type: "line",
  diff_hunk: "@@ -10,6 +10,8 @@ def start():",
  commit_id: "a".repeat(40),
  original_commit_id: "a".repeat(40),
  body: "Extract this?",
  user: maya,
  author_association: "MEMBER",
  created_at: "2025-04-03T12:00:00Z",
  updated_at: "2025-04-03T12:00:00Z",
  html_url: "https://github.com/o/r/pull/5#discussion_r555",
};

export function release(id: number, assets: ReleaseRecord["assets"]): ReleaseRecord {
  return {
    id,
    node_id: `RE_${id}`,
    tag_name: `v${id}`,
    target_commitish: "main",
    name: null,
    body: "Notes",
    draft: false,
    prerelease: false,
    author: maya,
    created_at: "2025-03-02T10:00:00Z",
    published_at: "2025-03-02T11:00:00Z",
    html_url: `https://github.com/o/r/releases/tag/v${id}`,
    assets,
  };
}

export function asset(
  id: number,
  releaseId: number,
  name: string,
  data: Buffer,
  sha256: string | null,
): ReleaseRecord["assets"][number] {
  return {
    id,
    name,
    label: null,
    content_type: "application/octet-stream",
    size: data.length,
    created_at: "2025-03-02T10:30:00Z",
    updated_at: "2025-03-02T10:30:00Z",
    sha256,
    path: sha256 === null ? null : `release-assets/${releaseId}/${name}`,
  };
}

/** Deterministic PRNG (mulberry32) so tests shuffle reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function sampleManifest(overrides: Partial<Manifest> = {}): Manifest {
  return {
    format: "github-data",
    format_version: 1,
    tool: { name: "github-data", version: "0.1.0" },
    source: { owner: "o", repo: "r", api_url: "https://api.github.com" },
    started_at: "2025-05-01T10:00:00Z",
    finished_at: "2025-05-01T10:00:05.250Z",
    selection: { include: ["labels", "issues"], issues: "all", pull_requests: "1-5 10" },
    jobs: [
      {
        name: "labels",
        status: "succeeded",
        records: 0,
        started_at: "2025-05-01T10:00:00Z",
        finished_at: "2025-05-01T10:00:01Z",
        duration_ms: 1000,
        error: null,
      },
      {
        name: "issues",
        status: "failed",
        records: 0,
        started_at: "2025-05-01T10:00:00Z",
        finished_at: "2025-05-01T10:00:02Z",
        duration_ms: 2000,
        error: "HTTP 500",
      },
      {
        name: "releases",
        status: "skipped",
        records: 0,
        started_at: null,
        finished_at: null,
        duration_ms: 0,
        error: "not selected",
      },
    ],
    files: manifestFiles([
      {
        file: "labels.jsonl",
        records: 0,
        bytes: 0,
        sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      },
    ]),
    requests: {
      total: 3,
      by_route: { "GET /repos/{owner}/{repo}/labels": 1, "GET /repos/{owner}/{repo}": 2 },
    },
    ...overrides,
  };
}

/** One event of each shape: between them every field of the record appears. */
export const issueEvents: IssueEventRecord[] = [
  {
    issue_number: 3,
    node_id: "LE_1",
    event: "labeled",
    actor: maya,
    created_at: "2025-04-01T12:00:00Z",
    label: { name: "bug", color: "d73a4a" },
  },
  {
    issue_number: 3,
    node_id: "AE_2",
    event: "assigned",
    actor: maya,
    created_at: "2025-04-01T12:01:00Z",
    assignee: null,
  },
  {
    issue_number: 3,
    node_id: "MIE_3",
    event: "milestoned",
    actor: null,
    created_at: "2025-04-01T12:02:00Z",
    milestone: { title: "v1" },
  },
  {
    issue_number: 3,
    node_id: "RTE_4",
    event: "renamed",
    actor: maya,
    created_at: "2025-04-01T12:03:00Z",
    rename: { from: "a", to: "b" },
  },
  {
    issue_number: 3,
    node_id: "CE_5",
    event: "closed",
    actor: maya,
    created_at: "2025-04-01T12:04:00Z",
    state_reason: "not_planned",
  },
  {
    issue_number: 3,
    node_id: "LOE_6",
    event: "locked",
    actor: maya,
    created_at: "2025-04-01T12:05:00Z",
    lock_reason: "too heated",
  },
  {
    issue_number: 5,
    node_id: "ME_7",
    event: "merged",
    actor: bot,
    created_at: "2025-04-02T12:00:00Z",
    commit_id: "a".repeat(40),
  },
  {
    issue_number: 5,
    node_id: "RRE_8",
    event: "review_requested",
    actor: maya,
    created_at: "2025-04-02T12:01:00Z",
    requested_reviewer: bot,
  },
  {
    issue_number: 5,
    node_id: "CRE_9",
    event: "cross-referenced",
    actor: maya,
    created_at: "2025-04-02T12:02:00Z",
    source: {
      type: "issue",
      issue: {
        number: 2,
        html_url: "https://github.com/o/tools/pull/2",
        pull_request: { html_url: "https://github.com/o/tools/pull/2" },
        repository: { full_name: "o/tools" },
      },
    },
  },
];

export const reactions: ReactionRecord[] = [
  {
    subject_type: "issue",
    subject_id: 1001,
    id: 7,
    content: "+1",
    user: maya,
    created_at: "2025-04-01T12:05:00Z",
  },
  {
    subject_type: "issue",
    subject_id: 1001,
    id: 8,
    content: "heart",
    user: null,
    created_at: "2025-04-01T12:06:00Z",
  },
  {
    subject_type: "release",
    subject_id: 9,
    id: 3,
    content: "rocket",
    user: { login: "dependabot[bot]", id: 49699333, type: "Bot" },
    created_at: "2025-04-02T08:00:00Z",
  },
];
