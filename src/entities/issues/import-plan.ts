// Dry run: which comments travel inside their issue's import request, so the
// comments job plans no request of their own for them. The issues job fills
// the set while it plans; the comments job, which runs after it, reads it.
import type { RestoreContext, RestoreJournal } from "../../restore/types.js";

const planned = new WeakMap<RestoreJournal, Set<string>>();

/** Original ids of the comments a dry run's imports carry (one set per run, keyed by its journal). */
export function commentsInImports(ctx: Pick<RestoreContext, "journal">): Set<string> {
  let ids = planned.get(ctx.journal);
  if (!ids) {
    ids = new Set();
    planned.set(ctx.journal, ids);
  }
  return ids;
}
