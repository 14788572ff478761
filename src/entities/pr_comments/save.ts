import { saveConversationComments } from "../shared/save-conversation-comments.js";
import type { EntitySaver } from "../types.js";
import { PR_COMMENTS_FILE, prCommentSortKey } from "./record.js";

export const prCommentsSaver: EntitySaver = {
  name: "pr_comments",
  dependsOn: [],
  save: (ctx) =>
    saveConversationComments(
      ctx,
      {
        name: "pr_comments",
        file: PR_COMMENTS_FILE,
        parentKey: "pull_request_number",
        onPullRequest: true,
        selection: ctx.selection.pullRequests,
        counts: ctx.shared.prCommentCounts,
        parentNoun: "pull request",
      },
      prCommentSortKey,
    ),
};
