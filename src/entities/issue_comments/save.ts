import { selectionHas } from "../../selection/number-spec.js";
import { conversationCommentRecord, readConversationComment } from "../shared/conversation-comment.js";
import { writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { ISSUE_COMMENTS_FILE, type IssueCommentRecord, issueCommentSortKey } from "./record.js";

export const issueCommentsSaver: EntitySaver = {
  name: "issue_comments",
  dependsOn: [],
  save: (ctx) =>
    writePages<IssueCommentRecord>(ctx, ctx.shared.issueComments(ctx.client), {
      file: ISSUE_COMMENTS_FILE,
      sortKey: issueCommentSortKey,
      map: (raw) => {
        const c = readConversationComment(raw);
        if (c.onPullRequest || !selectionHas(ctx.selection.issues, c.parentNumber)) return null;
        return conversationCommentRecord(c, "issue_number");
      },
    }),
};
