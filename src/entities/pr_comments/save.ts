import { selectionHas } from "../../selection/number-spec.js";
import { readConversationComment } from "../shared/conversation-comment.js";
import { writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { PR_COMMENTS_FILE, type PrCommentRecord, prCommentSortKey } from "./record.js";

export const prCommentsSaver: EntitySaver = {
  name: "pr_comments",
  dependsOn: [],
  save: (ctx) =>
    writePages<PrCommentRecord>(ctx, ctx.shared.issueComments(), {
      file: PR_COMMENTS_FILE,
      sortKey: prCommentSortKey,
      map: (raw) => {
        const c = readConversationComment(raw);
        if (!c.onPullRequest || !selectionHas(ctx.selection.pullRequests, c.parentNumber)) return null;
        return {
          id: c.id,
          node_id: c.node_id,
          pull_request_number: c.parentNumber,
          body: c.body,
          user: c.user,
          author_association: c.author_association,
          created_at: c.created_at,
          updated_at: c.updated_at,
          html_url: c.html_url,
        };
      },
    }),
};
