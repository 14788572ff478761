import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { SECURITY_ADVISORIES_FILE, securityAdvisorySortKey } from "./record.js";

export const securityAdvisories: JobEntityDescriptor = {
  kind: "job",
  settings: true,
  name: "security_advisories",
  envVar: "INCLUDE_SECURITY_ADVISORIES",
  files: [
    {
      file: SECURITY_ADVISORIES_FILE,
      schema: schemaAt(new URL("./security_advisories.schema.json", import.meta.url)),
      sortKey: securityAdvisorySortKey,
    },
  ],
  saver: async () => (await import("./save.js")).securityAdvisoriesSaver,
  restorer: async () => (await import("./restore.js")).securityAdvisoriesRestorer,
  journalKinds: [],
};
