// The order objects are restored in, so they come out in the target as they
// were created in the source.

/** Creation order: time, then id (ids grow with time on GitHub, but imports can differ). */
export function byCreation<T extends { id: number }>(
  time: (item: T) => string | null,
): (a: T, b: T) => number {
  return (a, b) => {
    const ta = Date.parse(time(a) ?? "");
    const tb = Date.parse(time(b) ?? "");
    if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
    return a.id - b.id;
  };
}
