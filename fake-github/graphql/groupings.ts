// Indexes derived from a store array (comments by issue number, review
// comments by id, ...). Building them for every request was most of a page's
// time on big repositories, so they are kept across requests and reused while
// an allocation-free check finds the array unchanged: the same items in the
// same places with the same key values (writes append, splice or edit in place).

interface Derived {
  items: readonly unknown[];
  keys: ReadonlyArray<number | null>;
  value: unknown;
}

const cache = new WeakMap<readonly unknown[], Map<string, Derived>>();

function unchanged<T>(entry: Derived, items: readonly T[], keyOf: (item: T) => number | null): boolean {
  if (entry.items.length !== items.length) return false;
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T;
    if (entry.items[i] !== item || entry.keys[i] !== keyOf(item)) return false;
  }
  return true;
}

/**
 * `build(items)`, reused until `items` changes. `keyOf` names the one field the
 * index depends on; `name` tells apart several indexes over the same array.
 */
export function derive<T, V>(
  items: readonly T[],
  name: string,
  keyOf: (item: T) => number | null,
  build: (items: readonly T[]) => V,
): V {
  let byName = cache.get(items);
  if (!byName) {
    byName = new Map();
    cache.set(items, byName);
  }
  const entry = byName.get(name);
  if (entry && unchanged(entry, items, keyOf)) return entry.value as V;
  const value = build(items);
  byName.set(name, { items: items.slice(), keys: items.map(keyOf), value });
  return value;
}

export function groupBy<T>(items: readonly T[], keyOf: (item: T) => number | null): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
