// The loop every child of a pull request shares (conversation comments,
// reviews, review comments): original order, one journal entry per object,
// children of a PR that was not restored skipped with one warning per PR,
// per-item failures reported without stopping the rest, and a dry run that
// only plans.

import type { EntityRestoreResult, ObjectKind, RestoreContext } from "../../restore/types.js";
import type { EntityName } from "../names.js";
import { failureText, rethrowIfAborted } from "./restore-errors.js";
import { type RestoredParent, restoredPull } from "./restored-parent.js";

export interface ChildSpec<T> {
  entity: EntityName;
  kind: ObjectKind;
  /** "comment", "review", … for messages. */
  noun: string;
  key(item: T): string;
  pullNumber(item: T): number;
  restore(item: T, parent: RestoredParent): Promise<"restored" | "skipped">;
}

export async function restoreChildren<T>(
  ctx: RestoreContext,
  items: readonly T[],
  spec: ChildSpec<T>,
): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const orphans = new Map<number, number>();
  const todo = items.filter((item) => !ctx.journal.get(spec.kind, spec.key(item)));
  result.skipped = items.length - todo.length;
  let done = 0;
  for (const item of todo) {
    ctx.signal.throwIfAborted();
    const number = spec.pullNumber(item);
    const parent = restoredPull(ctx, number);
    if (ctx.options.dryRun) {
      const coming = parent !== undefined || ctx.selection.entities.has("pull_requests");
      ctx.plan({
        entity: spec.entity,
        action: coming ? "create" : "skip",
        what: `${spec.noun} ${spec.key(item)} on pull request #${number}`,
        contentCreating: coming,
      });
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
      rethrowIfAborted(error, ctx.signal);
      result.failed++;
      ctx.itemFailed(
        `${spec.noun} ${spec.key(item)} on pull request #${number}: ${failureText(error, ctx.client.redact)}`,
      );
    }
    ctx.progress({ items: ++done, total: todo.length });
  }
  for (const [number, count] of orphans) {
    ctx.warn(`pull request #${number} was not restored; its ${count} ${spec.noun}(s) were skipped`);
  }
  return result;
}

/** Creation order: time, then id (ids grow with time on GitHub). */
export function byCreation<T extends { id: number }>(
  time: (item: T) => string | null,
): (a: T, b: T) => number {
  return (a, b) => {
    const ta = Date.parse(time(a) ?? "");
    const tb = Date.parse(time(b) ?? "");
    if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
    return a.id - b.id;
  };
}
