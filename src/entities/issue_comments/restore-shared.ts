// What the issue-comments restorer and the issue importer (which sends an
// issue's comments along with it) share: the comments of the selected issues
// in conversation order, and how each comment's body is rendered.
import { attributionLines } from "../../restore/attribution.js";
import { byCreation } from "../../restore/order.js";
import type { RenderedBody, RestoreContext } from "../../restore/types.js";
import { selectionHas } from "../../selection/number-spec.js";
import { ISSUE_COMMENTS_FILE, type IssueCommentRecord } from "./record.js";

/** Comments of the selected issues, in conversation order. */
export async function selectedComments(ctx: RestoreContext): Promise<IssueCommentRecord[]> {
  const out: IssueCommentRecord[] = [];
  for await (const c of ctx.readRecords<IssueCommentRecord>(ISSUE_COMMENTS_FILE)) {
    if (selectionHas(ctx.selection.issues, c.issue_number)) out.push(c);
  }
  return out.sort(byCreation((c) => c.created_at));
}

export function renderComment(ctx: RestoreContext, comment: IssueCommentRecord): RenderedBody {
  return ctx.bodies.render(comment.body, {
    kind: "issue_comment",
    originalId: String(comment.id),
    attribution: attributionLines({
      what: "Originally posted",
      author: comment.user,
      createdAt: comment.created_at,
      url: comment.html_url || null,
    }),
  });
}
