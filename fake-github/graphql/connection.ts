// Relay connections as GitHub serves them: first/last/after/before with
// GitHub's argument errors, opaque base64 cursors, totalCount and pageInfo.
// Cursors encode the item's sort key (not its offset), so a page boundary
// stays put when items are added or removed between requests.
import { GitHubFieldError } from "./errors.js";

export type SortKey = ReadonlyArray<string | number>;

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  /** Only PullRequestReviewThread.comments has it: items dropped after the cursors apply. */
  skip?: number | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Connection<T> {
  totalCount: number;
  nodes: T[];
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
}

/** GitHub's largest page. */
export const maxPageSize = 100;

const cursorPrefix = "cursor:v2:";

export function encodeCursor(key: SortKey): string {
  return Buffer.from(cursorPrefix + JSON.stringify(key), "utf8").toString("base64");
}

/** The sort key inside a cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): SortKey | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(cursor)) return null;
  const text = Buffer.from(cursor, "base64").toString("utf8");
  if (!text.startsWith(cursorPrefix)) return null;
  try {
    const value: unknown = JSON.parse(text.slice(cursorPrefix.length));
    if (!Array.isArray(value) || value.length === 0) return null;
    if (!value.every((part) => typeof part === "string" || typeof part === "number")) return null;
    return value as SortKey;
  } catch {
    return null;
  }
}

export function compareKeys(a: SortKey, b: SortKey): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === typeof y) return x < y ? -1 : 1;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}

/** The first index whose key is after `cursor` (strictly, or also equal when `inclusive`); items are sorted. */
function boundary<T>(
  items: readonly T[],
  key: (item: T) => SortKey,
  sign: number,
  cursor: SortKey,
  inclusive: boolean,
): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const order = sign * compareKeys(key(items[mid] as T), cursor);
    if (order < 0 || (order === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sorts a copy of `items` by key, ascending or descending (the whole key tuple flips). */
export function sortByKey<T>(items: readonly T[], key: (item: T) => SortKey, descending = false): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  keyed.sort((a, b) => (descending ? -1 : 1) * compareKeys(a.key, b.key));
  return keyed.map((entry) => entry.item);
}

/**
 * Checks first/last as GitHub does before it reads anything: one of them is
 * required and neither may exceed 100. Throws GitHub's errors.
 */
export function checkPageArgs(field: string, args: PageArgs): void {
  const { first, last } = args;
  if ((first === null || first === undefined) && (last === null || last === undefined)) {
    throw new GitHubFieldError(
      "MISSING_PAGINATION_BOUNDARIES",
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${field}\` connection.`,
    );
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value === null || value === undefined) continue;
    if (value > maxPageSize) {
      throw new GitHubFieldError(
        "EXCESSIVE_PAGINATION",
        `Requesting ${value} records on the \`${field}\` connection exceeds the \`${name}\` limit of ${maxPageSize} records.`,
      );
    }
    if (value < 0) {
      throw new GitHubFieldError(
        "EXCESSIVE_PAGINATION",
        `\`${name}\` on the \`${field}\` connection cannot be less than zero.`,
      );
    }
  }
}

/** One page of `items` in any order: sorted by `key` first (descending when `descending`). */
export function paginateSorted<T>(
  field: string,
  args: PageArgs,
  items: readonly T[],
  key: (item: T) => SortKey,
  descending = false,
): Connection<T> {
  return paginate(field, args, sortByKey(items, key, descending), key, descending);
}

/**
 * One page of `items`, which must already be in connection order, i.e. sorted
 * by `key` (descending when `descending`). `field` names the connection in
 * error messages.
 */
export function paginate<T>(
  field: string,
  args: PageArgs,
  items: readonly T[],
  key: (item: T) => SortKey,
  descending = false,
): Connection<T> {
  checkPageArgs(field, args);
  const sign = descending ? -1 : 1;
  const after = args.after == null ? null : parseCursor(args.after);
  const before = args.before == null ? null : parseCursor(args.before);
  // Items are sorted by key, so the cursors' positions are found by binary search.
  const start = after ? boundary(items, key, sign, after, false) : 0;
  const end = before ? Math.max(start, boundary(items, key, sign, before, true)) : items.length;
  const skip = Math.max(0, args.skip ?? 0);
  const windowStart = Math.min(start + skip, end);
  let from = windowStart;
  let to = end;
  if (args.first != null) to = Math.min(to, from + args.first);
  if (args.last != null) from = Math.max(from, to - args.last);
  const page = items.slice(from, to);
  const edges = page.map((node) => ({ cursor: encodeCursor(key(node)), node }));
  return {
    totalCount: items.length,
    nodes: page,
    edges,
    pageInfo: {
      hasNextPage: to < end || (before !== null && end < items.length && args.first == null),
      hasPreviousPage: from > windowStart || (after !== null && start > 0 && args.last == null),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

function parseCursor(cursor: string): SortKey {
  const key = decodeCursor(cursor);
  if (!key) {
    throw new GitHubFieldError(
      "INVALID_CURSOR_ARGUMENTS",
      `\`${cursor}\` does not appear to be a valid cursor.`,
    );
  }
  return key;
}
