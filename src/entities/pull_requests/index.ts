import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { ISSUE_BODY } from "../shared/body-endpoints.js";
import { countedLabelsAndAssignees } from "../shared/counted-specs.js";
import { PULL_REQUESTS_FILE, pullRequestSortKey } from "./record.js";

export const pullRequests: JobEntityDescriptor = {
  kind: "job",
  name: "pull_requests",
  envVar: "INCLUDE_PULL_REQUESTS",
  files: [
    {
      file: PULL_REQUESTS_FILE,
      schema: schemaAt(new URL("./pull_requests.schema.json", import.meta.url)),
      sortKey: pullRequestSortKey,
      countedFields: countedLabelsAndAssignees("pull request"),
    },
  ],
  saver: async () => (await import("./save.js")).pullRequestsSaver,
  restorer: async () => (await import("./restore.js")).pullRequestsRestorer,
  // branch: a head or base branch the restore recreated for a pull request.
  journalKinds: ["pull_request", "branch"],
  bodyEndpoints: { pull_request: ISSUE_BODY },
  incremental: { kind: "by-parent", family: "pull_requests", parentField: "number" },
};
