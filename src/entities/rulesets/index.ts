import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { RULESETS_FILE, rulesetSortKey } from "./record.js";

export const rulesets: JobEntityDescriptor = {
  kind: "job",
  settings: true,
  name: "rulesets",
  envVar: "INCLUDE_RULESETS",
  files: [
    {
      file: RULESETS_FILE,
      schema: schemaAt(new URL("./rulesets.schema.json", import.meta.url)),
      sortKey: rulesetSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).rulesetsSaver,
  restorer: async () => (await import("./restore.js")).rulesetsRestorer,
  journalKinds: ["ruleset"],
};
