import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { WEBHOOKS_FILE, webhookSortKey } from "./record.js";

export const webhooks: JobEntityDescriptor = {
  kind: "job",
  settings: true,
  name: "webhooks",
  envVar: "INCLUDE_WEBHOOKS",
  files: [
    {
      file: WEBHOOKS_FILE,
      schema: schemaAt(new URL("./webhooks.schema.json", import.meta.url)),
      sortKey: webhookSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).webhooksSaver,
  restorer: async () => (await import("./restore.js")).webhooksRestorer,
  journalKinds: ["webhook"],
};
