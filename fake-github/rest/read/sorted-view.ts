// Sorted and grouped views of store collections, cached between requests.
// Walking a 50k-item list page by page would otherwise sort it once per page;
// a cached view is reused only while every item is the same object, in the
// same place, with the same sort key (an O(n) pointer check), so writes made
// by other routes are always seen.

export type SortKey = string | number;

export interface SortSpec<T> {
  /** Names the ordering in the cache ("created", "updated", ...). */
  id: string;
  key: (item: T) => SortKey;
  /** Tie-breaker, ascending with the main direction (id or number). */
  tie: (item: T) => number;
  desc: boolean;
}

interface Memo {
  items: unknown[];
  keys: unknown[] | null;
  result: unknown;
}

const memos = new WeakMap<object, Map<string, Memo>>();

/**
 * `derive(items)` for `owner`'s list `name`, recomputed only when an item was
 * added, removed, replaced, or (with `key`) changed its key.
 */
export function memoByItems<T, R>(
  owner: object,
  name: string,
  items: () => Iterable<T>,
  size: number,
  key: ((item: T) => unknown) | null,
  derive: (items: T[], keys: unknown[] | null) => R,
): R {
  let perOwner = memos.get(owner);
  if (!perOwner) {
    perOwner = new Map();
    memos.set(owner, perOwner);
  }
  const memo = perOwner.get(name);
  if (memo && memo.items.length === size && same(memo, items(), key)) return memo.result as R;
  const list = Array.from(items());
  const keys = key ? list.map(key) : null;
  const result = derive(list, keys);
  perOwner.set(name, { items: list, keys, result });
  return result;
}

function same<T>(memo: Memo, items: Iterable<T>, key: ((item: T) => unknown) | null): boolean {
  const known = memo.items;
  const keys = key ? memo.keys : null;
  if (Array.isArray(items)) {
    // Indexed loops: this check runs on every request over whole collections.
    const list = items as T[];
    if (list.length !== known.length) return false;
    for (let i = 0; i < list.length; i++) if (known[i] !== list[i]) return false;
    if (key && keys) for (let i = 0; i < list.length; i++) if (keys[i] !== key(list[i] as T)) return false;
    return true;
  }
  let index = 0;
  for (const item of items) {
    if (known[index] !== item) return false;
    if (key && keys && keys[index] !== key(item)) return false;
    index++;
  }
  return index === known.length;
}

export function compareEntries(aKey: SortKey, aTie: number, bKey: SortKey, bTie: number): number {
  if (aKey !== bKey) return aKey < bKey ? -1 : 1;
  return aTie - bTie;
}

/**
 * `items` ordered by `spec` (a shared array: do not modify). `items` is an
 * array or a Map (its values); it is iterated afresh for the check and the rebuild.
 */
export function sortedView<T>(
  owner: object,
  list: string,
  items: readonly T[] | ReadonlyMap<unknown, T>,
  size: number,
  spec: SortSpec<T>,
): readonly T[] {
  const iterate = (): Iterable<T> =>
    "values" in items && !Array.isArray(items) ? items.values() : (items as readonly T[]);
  return memoByItems(
    owner,
    `${list}:${spec.id}:${spec.desc ? "desc" : "asc"}`,
    iterate,
    size,
    spec.key,
    (all, keys) => {
      const decorated = all.map((item, i) => ({
        item,
        key: (keys?.[i] ?? spec.key(item)) as SortKey,
        tie: spec.tie(item),
      }));
      const sign = spec.desc ? -1 : 1;
      decorated.sort((a, b) => sign * compareEntries(a.key, a.tie, b.key, b.tie));
      return decorated.map((entry) => entry.item);
    },
  );
}

/** Index of the first item of `sorted` that comes strictly after (key, tie) in the view's order. */
export function positionAfter<T>(sorted: readonly T[], spec: SortSpec<T>, key: SortKey, tie: number): number {
  const sign = spec.desc ? -1 : 1;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const item = sorted[mid] as T;
    if (sign * compareEntries(spec.key(item), spec.tie(item), key, tie) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * Items grouped by an immutable parent number (comments by issue, reviews by
 * pull request), each group in ascending `order` (ids).
 */
export function groupedView<T>(
  owner: object,
  list: string,
  items: readonly T[],
  group: (item: T) => number,
  order: (item: T) => number,
): ReadonlyMap<number, readonly T[]> {
  return memoByItems(
    owner,
    `group:${list}`,
    () => items,
    items.length,
    null,
    (all) => {
      const groups = new Map<number, T[]>();
      for (const item of all) {
        const key = group(item);
        const members = groups.get(key);
        if (members) members.push(item);
        else groups.set(key, [item]);
      }
      for (const members of groups.values()) members.sort((a, b) => order(a) - order(b));
      return groups;
    },
  );
}
