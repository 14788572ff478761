// The ids of the conversation comments some issues and pull requests hold
// now, in GraphQL batches of many parents: a parent whose comment count
// differs from the merged records (a comment deleted) is then settled by
// dropping the records GitHub no longer lists, instead of one list request
// per parent. A parent with more than a page of comments is left out (its
// own list is read instead).
import type { SaveContext } from "../types.js";
import { arr, int, obj, objOrNull } from "./fields.js";
import { fetchByNumber } from "./graphql-by-number.js";
import { databaseId } from "./graphql-refs.js";

const PAGE = 100;
/** Parents per request: up to 100 ids each, 50,000 nodes of GitHub's 500,000. */
const BATCH = 500;

const COMMENTS = `comments(first: ${PAGE}) { totalCount nodes { fullDatabaseId } }`;
const FRAGMENT = `fragment C on IssueOrPullRequest { ... on Issue { ${COMMENTS} } ... on PullRequest { ${COMMENTS} } }`;

/** Parent number → the ids of its comments now, for each parent with at most a page of them. */
export async function currentCommentIds(
  ctx: SaveContext,
  parents: readonly number[],
): Promise<Map<number, Set<number>>> {
  const out = new Map<number, Set<number>>();
  if (parents.length === 0) return out;
  await fetchByNumber(ctx, parents, {
    field: "issueOrPullRequest",
    fragment: FRAGMENT,
    fragmentName: "C",
    batchSize: BATCH,
    onNode: (node, n) => {
      const comments = objOrNull(node.comments, `#${n}.comments`);
      if (comments === null) return;
      const nodes = arr(comments.nodes, `#${n}.comments.nodes`);
      if (int(comments.totalCount, `#${n}.comments.totalCount`) > nodes.length) return;
      out.set(
        n,
        new Set(nodes.map((c, i) => databaseId(obj(c, `#${n}.comments[${i}]`), `#${n}.comments[${i}]`))),
      );
    },
  });
  return out;
}
