// What the children of a pull request (conversation comments, reviews, review
// comments) share in the per-child loop: their parent is the restored pull
// request, and in a dry run they are planned when it is restored or coming.
import type { ChildSpec } from "./restore-children.js";
import { restoredPull } from "./restored-parent.js";
import type { RestoreContext } from "./types.js";

export function pullChildren<T>(ctx: RestoreContext): Pick<ChildSpec<T>, "parentNoun" | "parent" | "plan"> {
  return {
    parentNoun: "pull request",
    parent: (number) => restoredPull(ctx, number),
    plan: (_item, parent) => ({
      create: parent !== undefined || ctx.selection.entities.has("pull_requests"),
    }),
  };
}
