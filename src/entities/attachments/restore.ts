import type { EntityRestorer } from "../../restore/types.js";
import { ATTACHMENTS_FILE } from "./record.js";

export const attachmentsRestorer: EntityRestorer = {
  name: "attachments",
  dependsOn: [],
  files: [ATTACHMENTS_FILE],
  async restore() {
    return { records: 0, skipped: 0, failed: 0 };
  },
};
