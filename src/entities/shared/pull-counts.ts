// The counts GitHub reports next to each pull request, read with GraphQL
// totalCounts: riding along with the reviews' batches when pr_reviews runs,
// or in one batched sweep of the pull_requests job otherwise. They go into
// the pull request's record (`reported_counts`) and are reconciled with the
// children saved for it (reviews here, review threads by pr_review_comments,
// conversation comments by pr_comments).
//
// A pull request's review comment count is not among them: REST reports it
// only in the single pull request's answer (one request per pull request),
// and GraphQL only per review or per thread, whose nested counts GitHub
// charges once per review a page could hold: `comments(first: 0) { totalCount }`
// on each review makes a batch of 100 pull requests cost 105 points instead
// of 5 (the same under every thread: 106), no request of the save carries it
// for free. Review threads (a totalCount at the pull request's level, almost
// free) stand in for them: a thread whose first comment is missing is caught.
import type { PullRequestReportedCounts } from "../../backup/record-parts.js";
import type { SaveContext } from "../types.js";
import { COUNTED_PAGE, countedNodes, totalCount } from "./counted-connection.js";
import { type Json, str } from "./fields.js";
import { fetchByNumber } from "./graphql-by-number.js";

export type PullCounts = Required<PullRequestReportedCounts>;

/** The pull request's own counts (reviews are counted by their connection). */
export const PULL_COUNT_FIELDS =
  "comments(first: 1) { totalCount } reviewThreads(first: 1) { totalCount } labels(first: 1) { totalCount } assignees(first: 1) { totalCount }";

/** The pull request's `reviews` connection's first page, with these fields on each review. */
export const reviewsSelection = (reviewFields: string) =>
  `reviews(first: 100) { ${COUNTED_PAGE} nodes { ${reviewFields} } }`;

/** Every review of a pull request (reconciled with its totalCount) and the pull request's counts. */
export async function readPullReviews(
  ctx: SaveContext,
  node: Json,
  number: number,
  reviewFields: string,
): Promise<{ reviews: Json[]; counts: PullCounts }> {
  const what = `pull request #${number}`;
  const { nodes, reported } = await countedNodes(ctx, {
    value: node.reviews,
    nodeId: str(node.id, `${what}.id`),
    typeName: "PullRequest",
    field: "reviews",
    nodeFields: reviewFields,
    parentName: what,
    noun: "reviews",
  });
  return {
    reviews: nodes,
    counts: {
      comments: totalCount(node.comments, `${what}.comments`),
      reviews: reported,
      review_threads: totalCount(node.reviewThreads, `${what}.reviewThreads`),
      labels: totalCount(node.labels, `${what}.labels`),
      assignees: totalCount(node.assignees, `${what}.assignees`),
    },
  };
}

/** The sweep of the pull_requests job when pr_reviews does not run: counts only, one request per 100. */
export async function sweepPullCounts(ctx: SaveContext, numbers: number[]): Promise<Map<number, PullCounts>> {
  const out = new Map<number, PullCounts>();
  await fetchByNumber(ctx, numbers, {
    field: "pullRequest",
    fragment: `fragment C on PullRequest { id number ${PULL_COUNT_FIELDS} ${reviewsSelection("id")} }`,
    fragmentName: "C",
    onNode: async (node, number) => {
      out.set(number, (await readPullReviews(ctx, node, number, "id")).counts);
    },
  });
  return out;
}
