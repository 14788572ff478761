import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { ISSUES_FILE } from "../issues/record.js";
import { CONVERSATION_COMMENT_BODY } from "../shared/body-endpoints.js";
import { ISSUE_COMMENTS_FILE, issueCommentSortKey } from "./record.js";

export const issueComments: JobEntityDescriptor = {
  kind: "job",
  name: "issue_comments",
  envVar: "INCLUDE_ISSUE_COMMENTS",
  parent: "issues",
  aliases: ["comments"],
  files: [
    {
      file: ISSUE_COMMENTS_FILE,
      schema: schemaAt(new URL("./issue_comments.schema.json", import.meta.url)),
      sortKey: issueCommentSortKey,
      countedBy: {
        parents: ISSUES_FILE,
        countField: "comments",
        parentField: "issue_number",
        noun: "comments",
        parentName: (n) => `issue #${n}`,
      },
    },
  ],
  saver: async () => (await import("./save.js")).issueCommentsSaver,
  restorer: async () => (await import("./restore.js")).issueCommentsRestorer,
  journalKinds: ["issue_comment", "continuation"],
  bodyEndpoints: { issue_comment: CONVERSATION_COMMENT_BODY, continuation: CONVERSATION_COMMENT_BODY },
  incremental: { kind: "own" },
};
