import { selectionHas } from "../../selection/number-spec.js";
import { conversationCommentRecord, readConversationComment } from "../shared/conversation-comment.js";
import { writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { PR_COMMENTS_FILE, type PrCommentRecord, prCommentSortKey } from "./record.js";

export const prCommentsSaver: EntitySaver = {
  name: "pr_comments",
  dependsOn: [],
  save: (ctx) =>
    writePages<PrCommentRecord>(ctx, ctx.shared.issueComments(ctx.client), {
      file: PR_COMMENTS_FILE,
      sortKey: prCommentSortKey,
      map: (raw) => {
        const c = readConversationComment(raw);
        if (!c.onPullRequest || !selectionHas(ctx.selection.pullRequests, c.parentNumber)) return null;
        return conversationCommentRecord(c, "pull_request_number");
      },
    }),
};
