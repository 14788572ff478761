import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import {
  categorySortKey,
  DISCUSSION_CATEGORIES_FILE,
  DISCUSSION_COMMENTS_FILE,
  DISCUSSIONS_FILE,
  discussionCommentSortKey,
  discussionSortKey,
} from "./record.js";

export const discussions: JobEntityDescriptor = {
  kind: "job",
  name: "discussions",
  envVar: "INCLUDE_DISCUSSIONS",
  files: [
    {
      file: DISCUSSION_CATEGORIES_FILE,
      schema: schemaAt(new URL("./discussion_categories.schema.json", import.meta.url)),
      sortKey: categorySortKey,
    },
    {
      file: DISCUSSIONS_FILE,
      schema: schemaAt(new URL("./discussions.schema.json", import.meta.url)),
      sortKey: discussionSortKey,
    },
    {
      file: DISCUSSION_COMMENTS_FILE,
      schema: schemaAt(new URL("./discussion_comments.schema.json", import.meta.url)),
      sortKey: discussionCommentSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).discussionsSaver,
  restorer: async () => (await import("./restore.js")).discussionsRestorer,
  journalKinds: ["discussion", "discussion_comment"],
  incremental: { kind: "own" },
};
