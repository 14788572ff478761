// Nested GraphQL connections come back with at most one page; this reads the
// rest of one connection of one node, so no list is silently capped at 100.
import { graphqlQuery } from "../../github/graphql.js";
import type { SaveContext } from "../types.js";
import { arr, bool, type Json, obj, strOrNull } from "./fields.js";

export interface ConnectionPage {
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: unknown[];
}

export function connection(value: unknown, what: string): ConnectionPage {
  const c = obj(value, what);
  const pageInfo = obj(c.pageInfo, `${what}.pageInfo`);
  return {
    pageInfo: {
      hasNextPage: bool(pageInfo.hasNextPage, `${what}.pageInfo.hasNextPage`),
      endCursor: strOrNull(pageInfo.endCursor, `${what}.pageInfo.endCursor`),
    },
    nodes: arr(c.nodes, `${what}.nodes`),
  };
}

/** Every node of `field` on the node `nodeId`, starting from a first page already fetched. */
export async function allNodes(
  /** A save's or a restore's context: only its client and signal are used. */
  ctx: Pick<SaveContext, "client" | "signal">,
  first: ConnectionPage,
  nodeId: string,
  typeName: string,
  field: string,
  nodeFields: string,
  /** More arguments of the connection, e.g. "itemTypes: [LABELED_EVENT]", as the first page had them. */
  fieldArgs = "",
): Promise<Json[]> {
  const nodes = [...first.nodes];
  let pageInfo = first.pageInfo;
  while (pageInfo.hasNextPage) {
    const query = `query($id: ID!, $after: String) { node(id: $id) { ... on ${typeName} { ${field}(first: 100, after: $after${fieldArgs ? `, ${fieldArgs}` : ""}) { pageInfo { hasNextPage endCursor } nodes { ${nodeFields} } } } } }`;
    const { data } = await graphqlQuery<Json>(
      ctx.client,
      query,
      { id: nodeId, after: pageInfo.endCursor },
      { signal: ctx.signal },
    );
    const page = connection(obj(data.node, `node ${nodeId}`)[field], `${typeName}.${field}`);
    nodes.push(...page.nodes);
    pageInfo = page.pageInfo;
  }
  return nodes.map((n, i) => obj(n, `${typeName}.${field}[${i}]`));
}
