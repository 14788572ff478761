import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { CONVERSATION_COMMENT_BODY } from "../shared/body-endpoints.js";
import { countedByPull } from "../shared/counted-specs.js";
import { PR_COMMENTS_FILE, prCommentSortKey } from "./record.js";

export const prComments: JobEntityDescriptor = {
  kind: "job",
  name: "pr_comments",
  envVar: "INCLUDE_PULL_REQUEST_COMMENTS",
  parent: "pull_requests",
  aliases: ["pull_request_comments"],
  files: [
    {
      file: PR_COMMENTS_FILE,
      schema: schemaAt(new URL("./pr_comments.schema.json", import.meta.url)),
      sortKey: prCommentSortKey,
      countedBy: countedByPull("comments", "comments"),
    },
  ],
  saver: async () => (await import("./save.js")).prCommentsSaver,
  restorer: async () => (await import("./restore.js")).prCommentsRestorer,
  journalKinds: ["pr_comment"],
  bodyEndpoints: { pr_comment: CONVERSATION_COMMENT_BODY },
  incremental: { kind: "own" },
};
