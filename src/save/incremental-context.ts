// A job's context in an incremental save, by its type's strategy (the
// descriptor's `incremental`): a "by-parent" type runs its own saver over the
// changed issues and pull requests only, and its file starts with the
// previous save's records of every other one (their lines carried over as
// they are); an "own" type gets the previous save to work with; any other type is saved again in full (and
// may reuse files the previous save wrote, such as release assets).
import { type CarriedLine, keptLines } from "../backup/merge-sorted-lines.js";
import type { IncrementalStrategy } from "../entities/descriptor.js";
import type { Json } from "../entities/shared/fields.js";
import type { IncrementalSource } from "../entities/shared/incremental.js";
import type { ChangePlan } from "../entities/shared/incremental-view.js";
import type { SaveContext } from "../entities/types.js";
import { mergeRanges, NONE, type NumberSelection } from "../selection/number-spec.js";

export async function incrementalContext(
  strategy: IncrementalStrategy | undefined,
  ctx: SaveContext,
  source: IncrementalSource,
): Promise<SaveContext> {
  // A type saved again in full may still use what the previous save left (a release's asset files).
  const own: SaveContext = { ...ctx, incremental: source };
  if (strategy === undefined || strategy.kind === "own") return own;
  const plan = await source.plan(own);
  const reread = rereadNumbers(plan, strategy.family);
  const kept = (parent: unknown): boolean =>
    typeof parent === "number" && !plan.gone.has(parent) && !reread.has(parent);
  const keep = (record: Json): boolean => kept(record[strategy.parentField]);
  // Every parent in the file kept: with nothing read again, the previous file stands as it is.
  const whole = (file: string) => {
    const parents = plan.previousParents.get(file);
    return parents !== undefined && [...parents].every(kept) ? source.wholeFile(file) : undefined;
  };
  return {
    ...own,
    selection: { ...ctx.selection, issues: only(plan.issues), pullRequests: only(plan.pulls) },
    openWriter: (file, sortKey) => {
      const writer = ctx.openWriter(file, sortKey);
      writer.carry(
        () => keptLines<Json>(source.lines(file), keep) as AsyncIterable<CarriedLine<never>>,
        whole(file),
      );
      return writer;
    },
  };
}

function rereadNumbers(plan: ChangePlan, family: "issues" | "pull_requests" | "both"): Set<number> {
  if (family === "issues") return new Set(plan.issues);
  if (family === "pull_requests") return new Set(plan.pulls);
  return new Set([...plan.issues, ...plan.pulls]);
}

function only(numbers: ReadonlySet<number>): NumberSelection {
  if (numbers.size === 0) return NONE;
  return { kind: "some", ranges: mergeRanges([...numbers].map((n) => [n, n])) };
}
