import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { countedByPull } from "../shared/counted-specs.js";
import { PR_REVIEW_COMMENTS_FILE, prReviewCommentSortKey } from "./record.js";

export const prReviewComments: JobEntityDescriptor = {
  kind: "job",
  name: "pr_review_comments",
  envVar: "INCLUDE_PR_REVIEW_COMMENTS",
  parent: "pull_requests",
  files: [
    {
      file: PR_REVIEW_COMMENTS_FILE,
      schema: schemaAt(new URL("./pr_review_comments.schema.json", import.meta.url)),
      sortKey: prReviewCommentSortKey,
      // A thread is a comment that is not a reply (pull-counts.ts: why not every review comment).
      countedBy: countedByPull("review_threads", "review threads", (c) => c.in_reply_to_id === null),
    },
  ],
  saver: async () => (await import("./save.js")).prReviewCommentsSaver,
  restorer: async () => (await import("./restore.js")).prReviewCommentsRestorer,
  journalKinds: ["pr_review_comment"],
  bodyEndpoints: {
    pr_review_comment: {
      read: "GET /repos/{owner}/{repo}/pulls/comments/{comment_id}",
      write: "PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}",
      params: (e) => (e.newId === undefined ? null : { comment_id: e.newId }),
    },
  },
  incremental: { kind: "own" },
};
