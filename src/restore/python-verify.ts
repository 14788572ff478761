// `verify` for a backup folder of the Python github-data tool, which restore
// accepts too: that tool writes no manifest and no checksums, so what can be
// checked is the structure (which files, in its save order), that every file
// is the JSON it should be, and that the files agree with each other (every
// comment, review and sub-issue link points at an issue or pull request of the
// folder). What cannot be checked is said, not skipped silently.
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { backupTreeProblems } from "../backup/tree-check.js";
import { PYTHON_FILES, PYTHON_SAVE_ORDER, PythonFormatError, readPythonRecords } from "./python-format.js";

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() === true;
}

export interface PythonVerifyReport {
  ok: boolean;
  problems: string[];
  /** What this check cannot vouch for. */
  unchecked: string[];
  files: number;
  records: number;
}

type Rec = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

const UNCHECKED: readonly string[] = [
  "the Python tool writes no manifest and no checksums: a file changed after the save but still valid JSON cannot be detected",
  "record counts cannot be compared with the repository the folder was saved from",
  "git-repo/ is not checked object by object",
  "release asset files are not in such a folder",
];

export async function verifyPythonBackup(dir: string): Promise<PythonVerifyReport> {
  // Symbolic links or a foreign git layout: nothing in the folder is read (a link could point anywhere).
  const tree = await backupTreeProblems(dir);
  if (tree.length > 0) {
    const problems = tree.map((p) => `${p.file}: ${p.message}`);
    return { ok: false, problems, unchecked: [...UNCHECKED], files: 0, records: 0 };
  }
  const problems: string[] = [];
  const data = new Map<string, Rec[]>();
  let files = 0;
  let records = 0;
  for (const [ours, theirs] of Object.entries(PYTHON_FILES)) {
    if (!(await isFile(join(dir, theirs)))) continue;
    files++;
    try {
      const items = ((await readPythonRecords(dir, ours)) ?? []) as Rec[];
      data.set(ours, items);
      records += items.length;
    } catch (error) {
      if (!(error instanceof PythonFormatError)) throw error;
      problems.push(`${theirs}: ${error.message}`);
    }
  }
  const present = PYTHON_SAVE_ORDER.filter((name) => Object.values(PYTHON_FILES).includes(name));
  const first = present.findIndex((name) => data.has(ourName(name)));
  if (first >= 0) {
    const missing = present
      .slice(first)
      .filter((name) => !data.has(ourName(name)) && !problems.some((p) => p.startsWith(name)));
    if (missing.length > 0)
      problems.push(
        `the save looks unfinished: no ${missing.join(", ")} (the Python tool writes its files in the order ${present.join(", ")})`,
      );
  }
  const issues = new Set((data.get("issues.jsonl") ?? []).map((i) => num(i.number)));
  const pulls = new Set((data.get("pull_requests.jsonl") ?? []).map((p) => num(p.number)));
  const reviews = new Set((data.get("pr_reviews.jsonl") ?? []).map((r) => num(r.id)));
  const reviewComments = new Set((data.get("pr_review_comments.jsonl") ?? []).map((c) => num(c.id)));
  const milestones = new Set((data.get("milestones.jsonl") ?? []).map((m) => num(m.number)));
  const check = (file: string, what: string, ok: (r: Rec) => boolean, describe: (r: Rec) => string) => {
    if (!data.has(file)) return;
    const bad = (data.get(file) ?? []).filter((r) => !ok(r));
    if (bad.length > 0)
      problems.push(
        `${PYTHON_FILES[file]}: ${bad.length} ${what}: ${bad.slice(0, 5).map(describe).join(", ")}${bad.length > 5 ? ", …" : ""}`,
      );
  };
  const onIssue = data.has("issues.jsonl");
  const onPull = data.has("pull_requests.jsonl");
  if (onIssue)
    check(
      "issue_comments.jsonl",
      "comment(s) on issues the folder does not have",
      (c) => issues.has(num(c.issue_number)),
      (c) => `#${c.issue_number}`,
    );
  if (onIssue)
    check(
      "sub_issues.jsonl",
      "sub-issue link(s) between issues the folder does not have",
      (l) =>
        issues.has(num(l.parent_number)) &&
        (l.sub_issue_repository !== undefined || issues.has(num(l.sub_issue_number))),
      (l) => `#${l.parent_number} → #${l.sub_issue_number}`,
    );
  if (data.has("milestones.jsonl"))
    check(
      "issues.jsonl",
      "issue(s) in milestones the folder does not have",
      (i) => {
        const m = i.milestone as Rec | null;
        return m === null || m === undefined || milestones.has(num(m.number));
      },
      (i) => `#${i.number}`,
    );
  if (onPull) {
    check(
      "pr_comments.jsonl",
      "comment(s) on pull requests the folder does not have",
      (c) => pulls.has(num(c.pull_request_number)),
      (c) => `#${c.pull_request_number}`,
    );
    check(
      "pr_reviews.jsonl",
      "review(s) of pull requests the folder does not have",
      (r) => pulls.has(num(r.pull_request_number)),
      (r) => `#${r.pull_request_number}`,
    );
    check(
      "pr_review_comments.jsonl",
      "review comment(s) on pull requests the folder does not have",
      (c) => pulls.has(num(c.pull_request_number)),
      (c) => `#${c.pull_request_number}`,
    );
  }
  check(
    "pr_review_comments.jsonl",
    "repl(ies) to review comments the folder does not have",
    (c) => c.in_reply_to_id === null || reviewComments.has(num(c.in_reply_to_id)),
    (c) => `${c.node_id}`,
  );
  if (data.has("pr_reviews.jsonl"))
    check(
      "pr_review_comments.jsonl",
      "review comment(s) of reviews the folder does not have",
      (c) => c.pull_request_review_id === null || reviews.has(num(c.pull_request_review_id)),
      (c) => `${c.node_id}`,
    );
  return {
    ok: problems.length === 0,
    problems,
    unchecked: [...UNCHECKED],
    files,
    records,
  };
}

function ourName(theirs: string): string {
  return Object.entries(PYTHON_FILES).find(([, t]) => t === theirs)?.[0] ?? theirs;
}
