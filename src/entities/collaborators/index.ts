import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { COLLABORATORS_FILE, collaboratorSortKey } from "./record.js";

export const collaborators: JobEntityDescriptor = {
  kind: "job",
  settings: true,
  name: "collaborators",
  envVar: "INCLUDE_COLLABORATORS",
  files: [
    {
      file: COLLABORATORS_FILE,
      schema: schemaAt(new URL("./collaborators.schema.json", import.meta.url)),
      sortKey: collaboratorSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).collaboratorsSaver,
  restorer: async () => (await import("./restore.js")).collaboratorsRestorer,
  journalKinds: ["collaborator"],
};
