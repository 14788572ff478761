import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { TEAMS_FILE, teamSortKey } from "./record.js";

export const teams: JobEntityDescriptor = {
  kind: "job",
  settings: true,
  name: "teams",
  envVar: "INCLUDE_TEAMS",
  files: [
    {
      file: TEAMS_FILE,
      schema: schemaAt(new URL("./teams.schema.json", import.meta.url)),
      sortKey: teamSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).teamsSaver,
  restorer: async () => (await import("./restore.js")).teamsRestorer,
  journalKinds: [],
};
