import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { LABELS_FILE, labelSortKey } from "./record.js";

export const labels: JobEntityDescriptor = {
  kind: "job",
  name: "labels",
  envVar: "INCLUDE_LABELS",
  files: [
    {
      file: LABELS_FILE,
      schema: schemaAt(new URL("./labels.schema.json", import.meta.url)),
      sortKey: labelSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).labelsSaver,
  restorer: async () => (await import("./restore.js")).labelsRestorer,
  journalKinds: ["label"],
};
