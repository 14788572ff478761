import { saveConversationComments } from "../shared/save-conversation-comments.js";
import type { EntitySaver } from "../types.js";
import { ISSUE_COMMENTS_FILE, issueCommentSortKey } from "./record.js";

export const issueCommentsSaver: EntitySaver = {
  name: "issue_comments",
  dependsOn: [],
  save: (ctx) =>
    saveConversationComments(
      ctx,
      {
        name: "issue_comments",
        file: ISSUE_COMMENTS_FILE,
        parentKey: "issue_number",
        onPullRequest: false,
        selection: ctx.selection.issues,
        counts: ctx.shared.issueCommentCounts,
        parentNoun: "issue",
      },
      issueCommentSortKey,
    ),
};
