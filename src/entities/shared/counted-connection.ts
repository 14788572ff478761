// A nested GraphQL connection read to its end and checked against the
// `totalCount` GitHub reported with its first page (reconcile-list.ts); a
// short one is read again from its start.
import { graphqlQuery } from "../../github/graphql.js";
import type { SaveContext } from "../types.js";
import { int, type Json, obj } from "./fields.js";
import { allNodes, type ConnectionPage, connection } from "./graphql-connection.js";
import { reconciledList } from "./reconcile-list.js";

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
  const nodes = await reconciledList(ctx, {
    parentName: spec.parentName,
    noun: spec.noun,
    reported,
    listed: await read(connection(spec.value, what)),
    readAgain: () => read({ pageInfo: { hasNextPage: true, endCursor: null }, nodes: [] }),
    currentCount: () => currentCount(ctx, spec),
  });
  return { nodes, reported };
}

async function currentCount(ctx: SaveContext, spec: CountedConnection): Promise<number> {
  const query = `query($id: ID!) { node(id: $id) { ... on ${spec.typeName} { ${spec.field}(first: 1) { totalCount } } } }`;
  const { data } = await graphqlQuery<Json>(ctx.client, query, { id: spec.nodeId }, { signal: ctx.signal });
  return totalCount(obj(data.node, `node ${spec.nodeId}`)[spec.field], `${spec.parentName}.${spec.field}`);
}
