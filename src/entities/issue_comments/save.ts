import { selectionHas } from "../../selection/number-spec.js";
import { readConversationComment } from "../shared/conversation-comment.js";
import { writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { ISSUE_COMMENTS_FILE, type IssueCommentRecord, issueCommentSortKey } from "./record.js";

export const issueCommentsSaver: EntitySaver = {
  name: "issue_comments",
  dependsOn: [],
  save: (ctx) =>
    writePages<IssueCommentRecord>(ctx, ctx.shared.issueComments(), {
      file: ISSUE_COMMENTS_FILE,
      sortKey: issueCommentSortKey,
      map: (raw) => {
        const c = readConversationComment(raw);
        if (c.onPullRequest || !selectionHas(ctx.selection.issues, c.parentNumber)) return null;
        return {
          id: c.id,
          node_id: c.node_id,
          issue_number: c.parentNumber,
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
