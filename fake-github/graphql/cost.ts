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

/** What a selection set adds when it is reached once (multiplier 1). */
interface Counts {
  nodes: number;
  requests: number;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  /**
   * Counts per selection set and parent type. Both sums are linear in the
   * multiplier, so a fragment spread under 100 aliases is walked once and
   * scaled (all values are integers, so the totals are exactly the same).
   */
  memo: Map<SelectionSetNode, Map<GraphQLCompositeType, Counts>>;
}

/** Per field, whether it is a connection (the schema never changes, so this is kept). */
const connectionFields = new WeakMap<GraphQLField<unknown, unknown>, boolean>();

/** A connection field: returns a *Connection type and pages with first/last. */
function isConnection(field: GraphQLField<unknown, unknown>): boolean {
  let known = connectionFields.get(field);
  if (known === undefined) {
    known =
      getNamedType(field.type).name.endsWith("Connection") && field.args.some((arg) => arg.name === "first");
    connectionFields.set(field, known);
  }
  return known;
}

function included(walk: Walk, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (!node.directives || node.directives.length === 0) return true;
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

/** Nodes and requests of `selectionSet` under `parent`, reached once. */
function visit(walk: Walk, selectionSet: SelectionSetNode, parent: GraphQLCompositeType): Counts {
  let byParent = walk.memo.get(selectionSet);
  const known = byParent?.get(parent);
  if (known) return known;
  const counts: Counts = { nodes: 0, requests: 0 };
  const add = (child: Counts, times: number) => {
    counts.nodes += times * child.nodes;
    counts.requests += times * child.requests;
  };
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
      const field = parent.getFields()[selection.name.value];
      if (!field) continue;
      let childMultiplier = 1;
      if (isConnection(field)) {
        let args: Record<string, unknown> = {};
        try {
          args = getArgumentValues(field, selection, walk.variables);
        } catch {
          // Invalid argument values fail at execution with their own error.
        }
        const size = pageSize(args);
        counts.requests += 1;
        counts.nodes += size;
        childMultiplier = size;
      }
      const type = getNamedType(field.type);
      if (selection.selectionSet && isCompositeType(type))
        add(visit(walk, selection.selectionSet, type), childMultiplier);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : parent;
      if (type && isCompositeType(type)) add(visit(walk, selection.selectionSet, type), 1);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      const type = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (fragment && type && isCompositeType(type)) add(visit(walk, fragment.selectionSet, type), 1);
    }
  }
  if (!byParent) {
    byParent = new Map();
    walk.memo.set(selectionSet, byParent);
  }
  byParent.set(parent, counts);
  return counts;
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
  const walk: Walk = { schema, fragments, variables, memo: new Map() };
  const root = schema.getRootType(operation.operation);
  if (!root) return { nodeCount: 0, requests: 0, cost: 1, dryRun: false };
  const counts = visit(walk, operation.selectionSet, root);
  return {
    nodeCount: counts.nodes,
    requests: counts.requests,
    cost: Math.max(1, Math.round(counts.requests / 100)),
    dryRun: asksDryRun(walk, operation, root),
  };
}
