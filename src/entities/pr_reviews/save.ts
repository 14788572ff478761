import { selectionHas } from "../../selection/number-spec.js";
import { REACTION_TOTAL } from "../issues/scan.js";
import { int, type Json, objOrNull, str, strOrNull } from "../shared/fields.js";
import { fetchByNumber } from "../shared/graphql-by-number.js";
import { ACTOR_FIELDS, actorRef, databaseId } from "../shared/graphql-refs.js";
import { PULL_COUNT_FIELDS, readPullReviews, reviewsSelection } from "../shared/pull-counts.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { PR_REVIEWS_FILE, type PrReviewRecord, prReviewSortKey } from "./record.js";

const REVIEW_FIELDS = `id fullDatabaseId body state submittedAt url authorAssociation author { ${ACTOR_FIELDS} } commit { oid }`;
// The pull request's counts ride along for its record and for the child jobs to reconcile with.
// So does each pull request's reactions count when reactions are saved (ReactionRollups).
const fragment = (reactions: boolean) =>
  `fragment R on PullRequest { id number ${PULL_COUNT_FIELDS} ${reviewsSelection(REVIEW_FIELDS)}${reactions ? ` fullDatabaseId${REACTION_TOTAL}` : ""} }`;

function reviewRecord(review: Json, pullNumber: number): PrReviewRecord {
  const what = `review of #${pullNumber}`;
  return {
    id: databaseId(review, what),
    node_id: str(review.id, `${what}.id`),
    pull_request_number: pullNumber,
    user: actorRef(review.author, `${what}.author`),
    body: strOrNull(review.body, `${what}.body`),
    state: str(review.state, `${what}.state`) as PrReviewRecord["state"],
    commit_id: strOrNull(objOrNull(review.commit, `${what}.commit`)?.oid, `${what}.commit.oid`),
    author_association: str(review.authorAssociation, `${what}.authorAssociation`),
    submitted_at: strOrNull(review.submittedAt, `${what}.submittedAt`),
    html_url: str(review.url, `${what}.url`),
  };
}

export const prReviewsSaver: EntitySaver = {
  name: "pr_reviews",
  // Reviews need pull-request numbers, not the pull_requests job's output:
  // they read the shared pulls list as its pages arrive and query each page's
  // reviews at once (GraphQL, a batch of numbers per request), so they run
  // alongside pull_requests instead of after it. There is no repo-wide review
  // list, and one REST request per pull request would cost ~50× more.
  dependsOn: [],
  save: (ctx) =>
    writeRecords<PrReviewRecord>(ctx, PR_REVIEWS_FILE, prReviewSortKey, async (add) => {
      const batches: Promise<void>[] = [];
      let pulls = 0;
      let records = 0;
      for await (const page of ctx.shared.pulls(ctx.client)) {
        const numbers = page.items
          .map((p) => int(p.number, "pull.number"))
          .filter((n) => selectionHas(ctx.selection.pullRequests, n));
        const batch = fetchByNumber(ctx, numbers, {
          field: "pullRequest",
          fragment: fragment(ctx.shared.reactionRollups.wanted),
          fragmentName: "R",
          onNode: async (node, number) => {
            const { reviews, counts } = await readPullReviews(ctx, node, number, REVIEW_FIELDS);
            ctx.shared.pullCounts.set(number, counts);
            if (ctx.shared.reactionRollups.wanted) {
              ctx.shared.reactionRollups.reportNode(
                "pr_reviews",
                "pull_request",
                { id: databaseId(node, `#${number}`), node_id: str(node.id, `#${number}.id`), number },
                node,
              );
            }
            for (const review of reviews) await add(reviewRecord(review, number));
            pulls += 1;
            records += reviews.length;
            ctx.progress({ items: records, pages: pulls });
          },
        });
        // Keep a rejection from going unhandled while later pages still arrive.
        batch.catch(() => {});
        batches.push(batch);
      }
      await Promise.all(batches);
      ctx.shared.pullCounts.complete();
      ctx.shared.reactionRollups.complete("pr_reviews");
    }),
};
