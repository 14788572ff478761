// Restores issue comments in conversation order (creation time, then id),
// each under its issue's new number, with attribution and marker. Comments
// the Issue Import API brought along with their issue are in the journal
// already and are not created again; on a rerun, comments an interrupted run
// created without journalling them are adopted by their marker.
import { conversationChildren } from "../../restore/conversation-children.js";
import { restoreChildren } from "../../restore/restore-children.js";
import { restoredIssue } from "../../restore/restored-parent.js";
import type { EntityRestorer } from "../../restore/types.js";
import { commentsInImports } from "../issues/import-plan.js";
import { ISSUE_COMMENTS_FILE } from "./record.js";
import { renderComment, selectedComments } from "./restore-shared.js";

export const issueCommentsRestorer: EntityRestorer = {
  name: "issue_comments",
  dependsOn: ["issues"],
  files: [ISSUE_COMMENTS_FILE],
  async restore(ctx) {
    const travelling = commentsInImports(ctx);
    return restoreChildren(ctx, await selectedComments(ctx), {
      entity: "issue_comments",
      noun: "comment",
      parentNoun: "issue",
      parentNumber: (c) => c.issue_number,
      parent: (number) => restoredIssue(ctx, number),
      plan: (c) =>
        // The Issue Import API brings the comment along with its issue: no request of its own.
        travelling.has(String(c.id))
          ? { create: true, writes: 0, note: "(imported with its issue)" }
          : { create: true },
      ...conversationChildren(ctx, "issue_comment", {
        key: (c) => String(c.id),
        text: (c) => c.body,
        render: (c) => renderComment(ctx, c),
      }),
    });
  },
};
