// A fault GitHub shows now and then: a list answer that leaves out an item its
// parent still counts. Items whose database id is in the knob
// `hiddenListItems` are dropped from every REST list answer (a top-level
// array, and the `assets`, `labels` and `assignees` of each object in it or of
// a single object), and from every GraphQL
// connection's `nodes`, while each parent's counts (`comments`, `totalCount`,
// `sub_issues_summary`) stay as they are.

/** Lists inside a REST object that the fault reaches too. */
const NESTED = ["assets", "labels", "assignees"] as const;

function idOf(item: unknown): number | null {
  if (typeof item !== "object" || item === null) return null;
  const { id, fullDatabaseId, databaseId } = item as Record<string, unknown>;
  for (const value of [fullDatabaseId, databaseId, id]) {
    if (typeof value === "number") return value;
    if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  }
  return null;
}

function hideInGraph(value: unknown, hidden: ReadonlySet<number>): unknown {
  if (Array.isArray(value)) return value.map((item) => hideInGraph(item, hidden));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === "nodes" && Array.isArray(child)
        ? child.filter((node) => !hidden.has(idOf(node) ?? -1)).map((node) => hideInGraph(node, hidden))
        : hideInGraph(child, hidden);
  }
  return out;
}

/** The answer body with the hidden items left out (REST lists and GraphQL connections). */
export function hideListItems(body: unknown, hidden: ReadonlySet<number>, graphql: boolean): unknown {
  if (hidden.size === 0) return body;
  if (graphql) return hideInGraph(body, hidden);
  const kept = (item: unknown) => !hidden.has(idOf(item) ?? -1);
  const inner = (item: unknown) => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) return item;
    const out: Record<string, unknown> = { ...item };
    for (const key of NESTED) {
      const list = out[key];
      if (Array.isArray(list)) out[key] = list.filter(kept);
    }
    return out;
  };
  return Array.isArray(body) ? body.filter(kept).map(inner) : inner(body);
}
