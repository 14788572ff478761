// Offline reconciliation: a parent record keeps the count of children GitHub
// reported when it was saved (an issue's `comments`); the folder must hold at
// least that many of them. The entity types declare which files pair up
// (`countedBy`). A shortfall names the parent and both counts. Only parents
// and children that both were saved are compared (a selection or a job that
// did not run leaves nothing to compare).
import { join } from "node:path";
import { readLines } from "./jsonl-lines.js";
import type { Manifest } from "./manifest.js";
import type { RecordFile } from "./record-files.js";
import { parseUntrustedJson } from "./untrusted-json.js";

export interface CountProblem {
  file: string;
  message: string;
}

/** Numbers found under `field` in a JSONL file's records, counted (bad lines are skipped: verify reports them). */
async function tally(path: string, read: (record: Record<string, unknown>) => void): Promise<void> {
  for await (const line of readLines(path)) {
    if (!line.terminated) continue;
    try {
      const record = parseUntrustedJson(Buffer.from(line.bytes).toString("utf8"));
      if (typeof record === "object" && record !== null) read(record as Record<string, unknown>);
    } catch {
      // Reported by the line checks.
    }
  }
}

export async function checkChildCounts(
  dir: string,
  manifest: Manifest,
  recordFiles: readonly RecordFile[],
  limit: number,
): Promise<CountProblem[]> {
  const problems: CountProblem[] = [];
  for (const { file: children, countedBy: spec } of recordFiles) {
    if (!spec || !manifest.files[spec.parents] || !manifest.files[children]) continue;
    const reported = new Map<number, number>();
    await tally(join(dir, spec.parents), (record) => {
      const { number } = record;
      const count = record[spec.countField];
      if (typeof number === "number" && typeof count === "number") reported.set(number, count);
    });
    const saved = new Map<number, number>();
    await tally(join(dir, children), (record) => {
      const parent = record[spec.parentField];
      if (typeof parent === "number") saved.set(parent, (saved.get(parent) ?? 0) + 1);
    });
    const short = [...reported].filter(([n, count]) => (saved.get(n) ?? 0) < count).sort(([a], [b]) => a - b);
    for (const [n, count] of short.slice(0, limit)) {
      problems.push({
        file: children,
        message: `${spec.parentName(n)}: GitHub reported ${count} ${spec.noun}, the folder holds ${saved.get(n) ?? 0}`,
      });
    }
    if (short.length > limit)
      problems.push({
        file: children,
        message: `${short.length - limit} more parents short of their count`,
      });
  }
  return problems;
}
