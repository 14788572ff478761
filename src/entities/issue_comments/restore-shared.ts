// What the issue-comments restorer and the issue importer (which sends an
// issue's comments along with it) share: the comments of the selected issues
// in conversation order, and how each comment's body is rendered.
import { attributionLines } from "../../restore/attribution.js";
import type { RenderedBody, RestoreContext } from "../../restore/types.js";
import { selectionHas } from "../../selection/number-spec.js";
import { ISSUE_COMMENTS_FILE, type IssueCommentRecord } from "./record.js";

/** Conversation order: creation time, then id (GitHub's ids grow with time, but imports can differ). */
export function byConversationOrder(a: IssueCommentRecord, b: IssueCommentRecord): number {
  const ta = Date.parse(a.created_at);
  const tb = Date.parse(b.created_at);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return a.id - b.id;
}

/** Comments of the selected issues, in conversation order. */
export async function selectedComments(ctx: RestoreContext): Promise<IssueCommentRecord[]> {
  const out: IssueCommentRecord[] = [];
  for await (const c of ctx.readRecords<IssueCommentRecord>(ISSUE_COMMENTS_FILE)) {
    if (selectionHas(ctx.selection.issues, c.issue_number)) out.push(c);
  }
  return out.sort(byConversationOrder);
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
