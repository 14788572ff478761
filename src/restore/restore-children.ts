// The loop every child of an issue or pull request shares (conversation
// comments, reviews, review comments): original order, one journal entry per
// object, children of a parent that was not restored skipped with one warning,
// per-item failures reported without stopping the rest, and a dry run that
// only plans.
import type { EntityName } from "../entities/names.js";
import { planContinuations } from "./continuations.js";
import { failItem } from "./error-text.js";
import type { RestoredParent } from "./restored-parent.js";
import type { EntityRestoreResult, ObjectKind, RestoreContext } from "./types.js";

export interface ChildSpec<T> {
  entity: EntityName;
  kind: ObjectKind;
  /** "comment", "review", … for messages. */
  noun: string;
  /** "issue" or "pull request", for messages. */
  parentNoun: string;
  key(item: T): string;
  /** The original number of the issue or pull request the item belongs to. */
  parentNumber(item: T): number;
  /** Where that parent went in the target; undefined when it was not restored. */
  parent(originalNumber: number): RestoredParent | undefined;
  /** Whether the journal holds the item already (default: any entry of it). */
  isDone?(item: T): boolean;
  /**
   * Dry run: whether the item would be created, and what to add to its line;
   * `writes` 0 when it is created inside another request (a comment inside its
   * review), so it costs no content-creating request of its own.
   */
  plan(item: T, parent: RestoredParent | undefined): { create: boolean; note?: string; writes?: number };
  /** The item's original text, when it has one: a text too long for one body plans its continuation comments. */
  text?(item: T): string | null;
  restore(item: T, parent: RestoredParent): Promise<"restored" | "skipped">;
}

export async function restoreChildren<T>(
  ctx: RestoreContext,
  items: readonly T[],
  spec: ChildSpec<T>,
): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const orphans = new Map<number, number>();
  const isDone = spec.isDone ?? ((item: T) => ctx.journal.get(spec.kind, spec.key(item)) !== undefined);
  const todo = items.filter((item) => !isDone(item));
  result.skipped = items.length - todo.length;
  const what = (item: T, number: number) => `${spec.noun} ${spec.key(item)} on ${spec.parentNoun} #${number}`;
  let done = 0;
  for (const item of todo) {
    ctx.signal.throwIfAborted();
    const number = spec.parentNumber(item);
    const parent = spec.parent(number);
    if (ctx.options.dryRun) {
      const { create, note, writes } = spec.plan(item, parent);
      const label = what(item, number);
      ctx.plan({
        entity: spec.entity,
        action: create ? "create" : "skip",
        what: `${label}${note ? ` ${note}` : ""}`,
        contentCreating: create && writes !== 0,
        ...(create && writes !== undefined ? { contentWrites: writes } : {}),
      });
      if (create && spec.text) {
        const parts = ctx.bodies.continuationsOf(spec.text(item), {
          kind: spec.kind,
          originalId: spec.key(item),
        });
        planContinuations(ctx, spec.entity, label, parts.length);
      }
      continue;
    }
    if (!parent) {
      orphans.set(number, (orphans.get(number) ?? 0) + 1);
      result.skipped++;
      continue;
    }
    try {
      if ((await spec.restore(item, parent)) === "restored") result.records++;
      else result.skipped++;
    } catch (error) {
      failItem(ctx, result, what(item, number), error);
    }
    ctx.progress({ items: ++done, total: todo.length });
  }
  warnOrphans(ctx, spec, orphans);
  return result;
}

/** One warning for every child skipped because its parent was not restored. */
function warnOrphans<T>(ctx: RestoreContext, spec: ChildSpec<T>, orphans: ReadonlyMap<number, number>): void {
  if (orphans.size === 0) return;
  const numbers = [...orphans.keys()].sort((a, b) => a - b);
  const count = [...orphans.values()].reduce((a, b) => a + b, 0);
  const shown = numbers
    .slice(0, 20)
    .map((n) => `#${n}`)
    .join(", ");
  const one = numbers.length === 1;
  ctx.warn(
    `${count} ${spec.noun}(s) skipped: their ${spec.parentNoun}${one ? "" : "s"} ${shown}${numbers.length > 20 ? " …" : ""} ${one ? "was" : "were"} not restored`,
  );
}
