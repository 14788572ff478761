import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { BRANCH_PROTECTION_FILE, branchProtectionSortKey } from "./record.js";

export const branchProtection: JobEntityDescriptor = {
  kind: "job",
  settings: true,
  name: "branch_protection",
  envVar: "INCLUDE_BRANCH_PROTECTION",
  files: [
    {
      file: BRANCH_PROTECTION_FILE,
      schema: schemaAt(new URL("./branch_protection.schema.json", import.meta.url)),
      sortKey: branchProtectionSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).branchProtectionSaver,
  restorer: async () => (await import("./restore.js")).branchProtectionRestorer,
  journalKinds: [],
};
