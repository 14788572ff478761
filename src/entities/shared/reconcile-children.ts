// Compares, per parent, the children a job saved with the count GitHub
// reported next to the parent. A shortfall is read again through the parent's
// own list (which has no depth limit); what is still missing after that is
// explained only if GitHub's count has dropped since (deleted during the
// save). Anything else fails the job, naming each parent and both counts.
import type { CountsByParent } from "./reported-counts.js";
import type { RestObject } from "./sources.js";

export interface ReconcileSpec {
  /** "comments" — the children's name in messages. */
  children: string;
  /** "issue #12" — a parent's name in messages. */
  parentName(parent: number): string;
  reported: CountsByParent;
  /** Parent → ids of the children saved so far (added to as children are recovered). */
  saved: Map<number, Set<number>>;
  /** Every child of one parent, read through the parent's own list. */
  fetchChildren(parent: number): Promise<RestObject[]>;
  /** The parent's count as GitHub reports it now. */
  currentCount(parent: number): Promise<number>;
  idOf(raw: RestObject): number;
  /** Saves a recovered child; false when it is not one of this job's. */
  recover(raw: RestObject): Promise<boolean>;
}

export interface ReconcileResult {
  /** Parents whose own list was read again. */
  refetched: number;
  /** Children saved by that second read. */
  recovered: number;
  /** Parents whose count dropped during the save (children deleted meanwhile). */
  shrunk: number;
}

export class UnreconciledCountsError extends Error {
  constructor(children: string, lines: string[]) {
    const shown = lines.slice(0, 10).join("; ");
    const more = lines.length > 10 ? `; and ${lines.length - 10} more` : "";
    super(`saved fewer ${children} than GitHub reports: ${shown}${more}`);
    this.name = "UnreconciledCountsError";
  }
}

export async function reconcileChildren(spec: ReconcileSpec): Promise<ReconcileResult> {
  const savedCount = (parent: number) => spec.saved.get(parent)?.size ?? 0;
  const short = [...spec.reported]
    .filter(([parent, count]) => savedCount(parent) < count)
    .sort(([a], [b]) => a - b);
  const result: ReconcileResult = { refetched: 0, recovered: 0, shrunk: 0 };
  const unexplained = await Promise.all(
    short.map(async ([parent, reported]) => {
      result.refetched += 1;
      const ids = idsOf(spec.saved, parent);
      for (const raw of await spec.fetchChildren(parent)) {
        const id = spec.idOf(raw);
        if (ids.has(id)) continue;
        if (await spec.recover(raw)) {
          ids.add(id);
          result.recovered += 1;
        }
      }
      if (ids.size >= reported) return null;
      const now = await spec.currentCount(parent);
      if (ids.size >= now) {
        result.shrunk += 1;
        return null;
      }
      return `${spec.parentName(parent)}: GitHub reports ${reported} ${spec.children}, ${ids.size} saved`;
    }),
  );
  const lines = unexplained.filter((line): line is string => line !== null);
  if (lines.length > 0) throw new UnreconciledCountsError(spec.children, lines);
  return result;
}

/** The parent's set of saved ids, created empty on first use. */
export function idsOf(saved: Map<number, Set<number>>, parent: number): Set<number> {
  let ids = saved.get(parent);
  if (ids === undefined) {
    ids = new Set();
    saved.set(parent, ids);
  }
  return ids;
}
