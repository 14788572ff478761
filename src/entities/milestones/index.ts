import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { MILESTONES_FILE, milestoneSortKey } from "./record.js";

export const milestones: JobEntityDescriptor = {
  kind: "job",
  name: "milestones",
  envVar: "INCLUDE_MILESTONES",
  files: [
    {
      file: MILESTONES_FILE,
      schema: schemaAt(new URL("./milestones.schema.json", import.meta.url)),
      sortKey: milestoneSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).milestonesSaver,
  restorer: async () => (await import("./restore.js")).milestonesRestorer,
  journalKinds: ["milestone"],
};
