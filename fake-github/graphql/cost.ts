// GitHub's static query analysis: node count and point cost.
// - node count: the sum over connections of the product of the first/last
//   values along the path (limit 500,000 per query);
// - cost: the number of requests needed to fill every connection with full
//   pages (a connection under a parent that returns N items needs N requests),
//   summed, divided by 100 and rounded, at least 1.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLIncludeDirective,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { maxPageSize } from "./connection.js";

export const maxNodeCount = 500_000;

export interface QueryCost {
  nodeCount: number;
  /** Requests needed to fill every connection, before dividing by 100. */
  requests: number;
  /** Primary-limit points. */
  cost: number;
  /** The query asks `rateLimit(dryRun: true)` at its root. */
  dryRun: boolean;
}

type Variables = Record<string, unknown>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  nodes: number;
  requests: number;
}

/** A connection field: returns a *Connection type and pages with first/last. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  return (
    getNamedType(field.type).name.endsWith("Connection") && field.args.some((arg) => arg.name === "first")
  );
}

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

/** first ?? last, clamped to what GitHub would serve; 0 when absent or invalid (execution reports those). */
function pageSize(args: Record<string, unknown>): number {
  const value = typeof args.first === "number" ? args.first : typeof args.last === "number" ? args.last : 0;
  return Math.max(0, Math.min(maxPageSize, value));
}

function visit(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  multiplier: number,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      let childMultiplier = multiplier;
      if (isConnection(field)) {
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(field, selection, walk.variables);
        } catch {
          // Invalid argument values fail at execution with their own error.
        }
        const size = pageSize(args);
        walk.requests += multiplier;
        walk.nodes += multiplier * size;
        childMultiplier = multiplier * size;
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type))
        visit(walk, selection.selectionSet, type, childMultiplier);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) visit(walk, selection.selectionSet, type, multiplier);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && type && isCompositeType(type)) visit(walk, fragment.selectionSet, type, multiplier);
    }
  }
}

function asksDryRun(walk: Walk, operation: OperationDefinitionNode, root: GraphQLCompositeType): boolean {
  if (!isObjectType(root)) return false;
  const field = root.getFields().rateLimit;
  if (!field) return false;
  return operation.selectionSet.selections.some((selection) => {
    if (selection.kind !== Kind.FIELD || selection.name.value !== "rateLimit") return false;
    try {
      return getArgumentValues(field, selection, walk.variables).dryRun === true;
    } catch {
      return false;
    }
  });
}

/** Analyses a validated operation with its coerced variables. */
export function analyzeQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Variables,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { schema, fragments, variables, nodes: 0, requests: 0 };
  const root = schema.getRootType(operation.operation);
  if (!root) return { nodeCount: 0, requests: 0, cost: 1, dryRun: false };
  visit(walk, operation.selectionSet, root, 1);
  return {
    nodeCount: walk.nodes,
    requests: walk.requests,
    cost: Math.max(1, Math.round(walk.requests / 100)),
    dryRun: asksDryRun(walk, operation, root),
  };
}
