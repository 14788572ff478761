import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { ISSUE_BODY } from "../shared/body-endpoints.js";
import { countedLabelsAndAssignees } from "../shared/counted-specs.js";
import { ISSUES_FILE, issueSortKey } from "./record.js";

export const issues: JobEntityDescriptor = {
  kind: "job",
  name: "issues",
  envVar: "INCLUDE_ISSUES",
  files: [
    {
      file: ISSUES_FILE,
      schema: schemaAt(new URL("./issues.schema.json", import.meta.url)),
      sortKey: issueSortKey,
      countedFields: countedLabelsAndAssignees("issue"),
    },
  ],
  saver: async () => (await import("./save.js")).issuesSaver,
  restorer: async () => (await import("./restore.js")).issuesRestorer,
  // issue_import: an accepted Issue Import API request, polled by a rerun instead of imported twice.
  journalKinds: ["issue", "issue_import"],
  bodyEndpoints: { issue: ISSUE_BODY },
  incremental: { kind: "by-parent", family: "issues", parentField: "number" },
};
