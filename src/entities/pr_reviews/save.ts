import { selectionHas } from "../../selection/number-spec.js";
import { REACTION_TOTAL } from "../issues/scan.js";
import { int, type Json, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { fetchByNumber } from "../shared/graphql-by-number.js";
import { allNodes, connection } from "../shared/graphql-connection.js";
import { ACTOR_FIELDS, actorRef, databaseId } from "../shared/graphql-refs.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { PR_REVIEWS_FILE, type PrReviewRecord, prReviewSortKey } from "./record.js";

const REVIEW_FIELDS = `id fullDatabaseId body state submittedAt url authorAssociation author { ${ACTOR_FIELDS} } commit { oid }`;
// The conversation comments' count rides along for pr_comments to reconcile with.
const FIELDS = `id number comments(first: 1) { totalCount } reviews(first: 100) { pageInfo { hasNextPage endCursor } nodes { ${REVIEW_FIELDS} } }`;
// So does each pull request's reactions count when reactions are saved (ReactionRollups).
const fragment = (reactions: boolean) =>
  `fragment R on PullRequest { ${FIELDS}${reactions ? ` fullDatabaseId${REACTION_TOTAL}` : ""} }`;

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
            const comments = obj(node.comments, `#${number}.comments`);
            ctx.shared.prCommentCounts.set(
              number,
              int(comments.totalCount, `#${number}.comments.totalCount`),
            );
            if (ctx.shared.reactionRollups.wanted) {
              const id = databaseId(node, `#${number}`);
              ctx.shared.reactionRollups.reportNode(
                "pr_reviews",
                "pull_request",
                { id, node_id: str(node.id, `#${number}.id`), number },
                node,
              );
            }
            const reviews = await allNodes(
              ctx,
              connection(node.reviews, `#${number}.reviews`),
              str(node.id, `#${number}.id`),
              "PullRequest",
              "reviews",
              REVIEW_FIELDS,
            );
            for (const review of reviews) await add(reviewRecord(obj(review, "review"), number));
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
      ctx.shared.prCommentCounts.complete();
      ctx.shared.reactionRollups.complete("pr_reviews");
    }),
};
