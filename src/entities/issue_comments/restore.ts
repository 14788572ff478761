// Restores issue comments in conversation order (creation time, then id),
// each under its issue's new number, with attribution and marker. Comments
// the Issue Import API brought along with their issue are in the journal
// already and are not created again; on a rerun, comments an interrupted run
// created without journalling them are adopted by their marker.
import { Continuations, partsPosted } from "../../restore/continuations.js";
import { ConversationComments } from "../../restore/conversation-comments.js";
import { restoreChildren } from "../../restore/restore-children.js";
import { restoredIssue } from "../../restore/restored-parent.js";
import type { EntityRestorer } from "../../restore/types.js";
import { ISSUE_COMMENTS_FILE } from "./record.js";
import { renderComment, selectedComments } from "./restore-shared.js";

export const issueCommentsRestorer: EntityRestorer = {
  name: "issue_comments",
  dependsOn: ["issues"],
  files: [ISSUE_COMMENTS_FILE],
  async restore(ctx) {
    const comments = new ConversationComments(ctx);
    const continuations = new Continuations(ctx);
    return restoreChildren(ctx, await selectedComments(ctx), {
      entity: "issue_comments",
      kind: "issue_comment",
      noun: "comment",
      parentNoun: "issue",
      key: (c) => String(c.id),
      parentNumber: (c) => c.issue_number,
      parent: (number) => restoredIssue(ctx, number),
      isDone: (c) =>
        ctx.journal.get("issue_comment", String(c.id))?.newId !== undefined &&
        partsPosted(ctx, "issue_comment", String(c.id)),
      plan: (_c, parent) => {
        // Without a new number yet, the Issue Import API will bring the comment along with its issue.
        const imported = ctx.useImportApi && ctx.selection.entities.has("issues") && parent === undefined;
        return imported ? { create: false, note: "(imported with its issue)" } : { create: true };
      },
      async restore(c, parent) {
        const key = String(c.id);
        await continuations.conversationComment(
          comments,
          parent.newNumber,
          "issue_comment",
          key,
          c.body,
          renderComment(ctx, c),
        );
        return "restored";
      },
    });
  },
};
