// Nested GraphQL connections come back with at most one page; this reads the
// rest of one connection of one node, so no list is silently capped at 100.
import { graphqlQuery, isGraphQLTimeout } from "../../github/graphql.js";
import type { SaveContext } from "../types.js";
import { arr, bool, type Json, obj, strOrNull } from "./fields.js";

/** Attempts of a read that timed out (GitHub's 502/504, the client's own timeout) before it fails. */
const TIMEOUT_ATTEMPTS = 3;

/** A GraphQL read, asked again when it timed out: reads have no side effects. */
export async function graphqlRead(
  ctx: Pick<SaveContext, "client" | "signal">,
  query: string,
  variables: Record<string, unknown>,
): Promise<Json> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await graphqlQuery<Json>(ctx.client, query, variables, { signal: ctx.signal })).data;
    } catch (error) {
      if (attempt >= TIMEOUT_ATTEMPTS || ctx.signal.aborted || !isGraphQLTimeout(error)) throw error;
    }
  }
}

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
    const data = await graphqlRead(ctx, query, { id: nodeId, after: pageInfo.endCursor });
    const page = connection(obj(data.node, `node ${nodeId}`)[field], `${typeName}.${field}`);
    nodes.push(...page.nodes);
    pageInfo = page.pageInfo;
  }
  return nodes.map((n, i) => obj(n, `${typeName}.${field}[${i}]`));
}
