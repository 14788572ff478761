import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { CONVERSATION_COMMENT_BODY } from "../shared/body-endpoints.js";
import { ISSUE_EVENTS_FILE, issueEventSortKey } from "./record.js";

export const issueEvents: JobEntityDescriptor = {
  kind: "job",
  name: "issue_events",
  envVar: "INCLUDE_ISSUE_EVENTS",
  aliases: ["events"],
  files: [
    {
      file: ISSUE_EVENTS_FILE,
      schema: schemaAt(new URL("./issue_events.schema.json", import.meta.url)),
      sortKey: issueEventSortKey,
    },
  ],
  saver: async () => (await import("./save.js")).issueEventsSaver,
  restorer: async () => (await import("./restore.js")).issueEventsRestorer,
  journalKinds: ["issue_history"],
  bodyEndpoints: { issue_history: CONVERSATION_COMMENT_BODY },
  incremental: { kind: "by-parent", family: "both", parentField: "issue_number" },
};
