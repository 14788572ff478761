// Which original numbers this run restores (--issues / --pull-requests).
import { selectionHas } from "../selection/number-spec.js";
import type { RestoreContext } from "./types.js";

/** Original issue `n` (and its comments and sub-issue links) is selected. */
export function issueSelected(ctx: Pick<RestoreContext, "selection">, n: number): boolean {
  return selectionHas(ctx.selection.issues, n);
}

/** Original pull request `n` (and its comments, reviews and review comments) is selected. */
export function pullRequestSelected(ctx: Pick<RestoreContext, "selection">, n: number): boolean {
  return selectionHas(ctx.selection.pullRequests, n);
}
