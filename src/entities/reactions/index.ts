import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { REACTIONS_FILE, reactionSortKey } from "./record.js";

export const reactions: JobEntityDescriptor = {
  kind: "job",
  name: "reactions",
  envVar: "INCLUDE_REACTIONS",
  files: [
    {
      file: REACTIONS_FILE,
      schema: schemaAt(new URL("./reactions.schema.json", import.meta.url)),
      sortKey: reactionSortKey,
    },
  ],
  saver: async () => (await import("./saver.js")).reactionsSaver,
  restorer: async () => (await import("./restore.js")).reactionsRestorer,
  journalKinds: [],
  incremental: { kind: "own" },
};
