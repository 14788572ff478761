// A nested GraphQL connection read to its end and checked against the
// `totalCount` GitHub reported with its first page. A shortfall is read again
// from the start (the parent's own path); what is still missing is explained
// only if GitHub's count has dropped since (deleted during the save). Anything
// else fails the job, naming the parent and both counts.
import { graphqlQuery } from "../../github/graphql.js";
import type { SaveContext } from "../types.js";
import { int, type Json, obj } from "./fields.js";
import { allNodes, type ConnectionPage, connection } from "./graphql-connection.js";
import { UnreconciledCountsError } from "./reconcile-children.js";

export interface CountedConnection {
  /** The connection as the batch answered it: first page and `totalCount`. */
  value: unknown;
  nodeId: string;
  typeName: string;
  field: string;
  nodeFields: string;
  /** "pull request #12", for messages. */
  parentName: string;
  /** "reviews", for messages. */
  noun: string;
}

/** The count part of a connection's selection: `field(first: 100) { ${COUNTED_PAGE} nodes { … } }`. */
export const COUNTED_PAGE = "totalCount pageInfo { hasNextPage endCursor }";

export function totalCount(value: unknown, what: string): number {
  return int(obj(value, what).totalCount, `${what}.totalCount`);
}

/** Every node of the connection, reconciled with its totalCount; `reported` is that count. */
export async function countedNodes(
  ctx: SaveContext,
  spec: CountedConnection,
): Promise<{ nodes: Json[]; reported: number }> {
  const what = `${spec.parentName}.${spec.field}`;
  const reported = totalCount(spec.value, what);
  const read = (first: ConnectionPage) =>
    allNodes(ctx, first, spec.nodeId, spec.typeName, spec.field, spec.nodeFields);
  const nodes = await read(connection(spec.value, what));
  if (nodes.length >= reported) return { nodes, reported };
  const again = await read({ pageInfo: { hasNextPage: true, endCursor: null }, nodes: [] });
  if (again.length >= reported || again.length >= (await currentCount(ctx, spec))) {
    ctx.log.info(
      `${spec.noun} of ${spec.parentName}: read again from the start (${nodes.length} of ${reported} the first time, ${again.length} now)`,
    );
    return { nodes: again, reported };
  }
  throw new UnreconciledCountsError(spec.noun, [
    `${spec.parentName}: GitHub reports ${reported} ${spec.noun}, ${again.length} saved`,
  ]);
}

async function currentCount(ctx: SaveContext, spec: CountedConnection): Promise<number> {
  const query = `query($id: ID!) { node(id: $id) { ... on ${spec.typeName} { ${spec.field}(first: 1) { totalCount } } } }`;
  const { data } = await graphqlQuery<Json>(ctx.client, query, { id: spec.nodeId }, { signal: ctx.signal });
  return totalCount(obj(data.node, `node ${spec.nodeId}`)[spec.field], `${spec.parentName}.${spec.field}`);
}
