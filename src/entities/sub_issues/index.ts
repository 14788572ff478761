import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { ISSUES_FILE } from "../issues/record.js";
import { SUB_ISSUES_FILE, subIssueSortKey } from "./record.js";

export const subIssues: JobEntityDescriptor = {
  kind: "job",
  name: "sub_issues",
  envVar: "INCLUDE_SUB_ISSUES",
  parent: "issues",
  files: [
    {
      file: SUB_ISSUES_FILE,
      schema: schemaAt(new URL("./sub_issues.schema.json", import.meta.url)),
      sortKey: subIssueSortKey,
      countedBy: {
        parents: ISSUES_FILE,
        countField: "reported_counts.sub_issues",
        parentField: "parent_number",
        noun: "sub-issues",
        parentName: (n) => `issue #${n}`,
      },
    },
  ],
  saver: async () => (await import("./save.js")).subIssuesSaver,
  restorer: async () => (await import("./restore.js")).subIssuesRestorer,
  journalKinds: ["sub_issue"],
  incremental: { kind: "by-parent", family: "issues", parentField: "parent_number" },
};
