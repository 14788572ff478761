import { schemaAt } from "../../backup/schemas.js";
import type { JobEntityDescriptor } from "../descriptor.js";
import { countedByPull } from "../shared/counted-specs.js";
import { PR_REVIEWS_FILE, prReviewSortKey } from "./record.js";

export const prReviews: JobEntityDescriptor = {
  kind: "job",
  name: "pr_reviews",
  envVar: "INCLUDE_PR_REVIEWS",
  parent: "pull_requests",
  files: [
    {
      file: PR_REVIEWS_FILE,
      schema: schemaAt(new URL("./pr_reviews.schema.json", import.meta.url)),
      sortKey: prReviewSortKey,
      countedBy: countedByPull("reviews", "reviews"),
    },
  ],
  saver: async () => (await import("./save.js")).prReviewsSaver,
  restorer: async () => (await import("./restore.js")).prReviewsRestorer,
  journalKinds: ["pr_review"],
  bodyEndpoints: {
    pr_review: {
      read: "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}",
      write: "PUT /repos/{owner}/{repo}/pulls/{pull_number}/reviews/{review_id}",
      params: (e) =>
        e.newId === undefined || e.parentNumber === undefined
          ? null
          : { pull_number: e.parentNumber, review_id: e.newId },
    },
  },
  incremental: { kind: "by-parent", family: "pull_requests", parentField: "pull_request_number" },
};
