import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { REPOSITORY_FILE, repositorySortKey } from "./record.js";

export const repository: JobEntityDescriptor = {
  kind: "job",
  settings: true,
  name: "repository",
  envVar: "INCLUDE_REPOSITORY",
  files: [
    {
      file: REPOSITORY_FILE,
      schema: schemaAt(new URL("./repository.schema.json", import.meta.url)),
      sortKey: repositorySortKey,
    },
  ],
  saver: async () => (await import("./save.js")).repositorySaver,
  restorer: async () => (await import("./restore.js")).repositoryRestorer,
  journalKinds: [],
};
