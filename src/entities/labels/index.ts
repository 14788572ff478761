import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { LABELS_FILE, labelSortKey } from "./record.js";
import { labelsRestorer } from "./restore.js";
import { labelsSaver } from "./save.js";

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
  saver: labelsSaver,
  restorer: labelsRestorer,
  journalKinds: ["label"],
};
