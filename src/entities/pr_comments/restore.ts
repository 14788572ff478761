// Restores PR conversation comments in their original order onto the new
// pull request (or the issue it was restored as), each with its attribution
// and hidden marker.
import { attributionLines } from "../../restore/attribution.js";
import { conversationChildren } from "../../restore/conversation-children.js";
import { byCreation } from "../../restore/order.js";
import { pullChildren } from "../../restore/pull-children.js";
import { restoreChildren } from "../../restore/restore-children.js";
import type { EntityRestorer, RestoreContext } from "../../restore/types.js";
import { selectionHas } from "../../selection/number-spec.js";
import { PR_COMMENTS_FILE, type PrCommentRecord } from "./record.js";

async function readComments(ctx: RestoreContext): Promise<PrCommentRecord[]> {
  const out: PrCommentRecord[] = [];
  for await (const c of ctx.readRecords<PrCommentRecord>(PR_COMMENTS_FILE)) {
    if (selectionHas(ctx.selection.pullRequests, c.pull_request_number)) out.push(c);
  }
  return out.sort(byCreation((c) => c.created_at));
}

export const prCommentsRestorer: EntityRestorer = {
  name: "pr_comments",
  dependsOn: ["pull_requests"],
  files: [PR_COMMENTS_FILE],
  async restore(ctx) {
    return restoreChildren(ctx, await readComments(ctx), {
      entity: "pr_comments",
      noun: "comment",
      parentNumber: (c) => c.pull_request_number,
      ...pullChildren(ctx),
      ...conversationChildren(ctx, "pr_comment", {
        key: (c) => String(c.id),
        text: (c) => c.body,
        render: (c, key) =>
          ctx.bodies.render(c.body, {
            kind: "pr_comment",
            originalId: key,
            attribution: attributionLines({
              what: "Originally posted",
              author: c.user,
              createdAt: c.created_at,
              url: c.html_url || null,
            }),
          }),
      }),
    });
  },
};
