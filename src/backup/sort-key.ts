// The order of records in a backup file. Keys compare element by element:
// numbers numerically, strings by UTF-16 code unit (never locale-dependent), a
// number before a string. Equal keys fall back to the serialised line, so the
// output order never depends on arrival order.

export type SortKey = readonly (number | string)[];

export function compareSortKeys(a: SortKey, b: SortKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x < y ? -1 : 1;
    if (typeof x === "string" && typeof y === "string") return x < y ? -1 : 1;
    return typeof x === "number" ? -1 : 1;
  }
  return a.length - b.length;
}

/** Plain code-unit comparison of two serialised lines (the tie-breaker). */
export function compareLines(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
