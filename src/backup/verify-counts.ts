// Offline reconciliation: each issue record keeps the `comments` count GitHub
// reported when it was saved; the folder must hold at least that many of the
// issue's comments. A shortfall names the issue and both counts. Only parents
// and children that both were saved are compared (a selection or a job that
// did not run leaves nothing to compare).
import { join } from "node:path";
import { ISSUE_COMMENTS_FILE } from "../entities/issue_comments/record.js";
import { ISSUES_FILE } from "../entities/issues/record.js";
import { readLines } from "./jsonl-lines.js";
import type { Manifest } from "./manifest.js";

export interface CountProblem {
  file: string;
  message: string;
}

interface ChildCount {
  parents: string;
  /** The parent record's field holding GitHub's count. */
  countField: string;
  children: string;
  /** The child record's field naming its parent. */
  parentField: string;
  noun: string;
  parentName(n: number): string;
}

const CHILD_COUNTS: ChildCount[] = [
  {
    parents: ISSUES_FILE,
    countField: "comments",
    children: ISSUE_COMMENTS_FILE,
    parentField: "issue_number",
    noun: "comments",
    parentName: (n) => `issue #${n}`,
  },
];

/** Numbers found under `field` in a JSONL file's records, counted (bad lines are skipped: verify reports them). */
async function tally(path: string, read: (record: Record<string, unknown>) => void): Promise<void> {
  for await (const line of readLines(path)) {
    if (!line.terminated) continue;
    try {
      const record: unknown = JSON.parse(Buffer.from(line.bytes).toString("utf8"));
      if (typeof record === "object" && record !== null) read(record as Record<string, unknown>);
    } catch {
      // Reported by the line checks.
    }
  }
}

export async function checkChildCounts(
  dir: string,
  manifest: Manifest,
  limit: number,
): Promise<CountProblem[]> {
  const problems: CountProblem[] = [];
  for (const spec of CHILD_COUNTS) {
    if (!manifest.files[spec.parents] || !manifest.files[spec.children]) continue;
    const reported = new Map<number, number>();
    await tally(join(dir, spec.parents), (record) => {
      const { number } = record;
      const count = record[spec.countField];
      if (typeof number === "number" && typeof count === "number") reported.set(number, count);
    });
    const saved = new Map<number, number>();
    await tally(join(dir, spec.children), (record) => {
      const parent = record[spec.parentField];
      if (typeof parent === "number") saved.set(parent, (saved.get(parent) ?? 0) + 1);
    });
    const short = [...reported].filter(([n, count]) => (saved.get(n) ?? 0) < count).sort(([a], [b]) => a - b);
    for (const [n, count] of short.slice(0, limit)) {
      problems.push({
        file: spec.children,
        message: `${spec.parentName(n)}: GitHub reported ${count} ${spec.noun}, the folder holds ${saved.get(n) ?? 0}`,
      });
    }
    if (short.length > limit)
      problems.push({
        file: spec.children,
        message: `${short.length - limit} more parents short of their count`,
      });
  }
  return problems;
}
