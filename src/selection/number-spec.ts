// Issue / pull request number selections such as "1-5 10 15-20" or "1,3,5".
// Stored as merged, sorted inclusive ranges so "1-1000000" costs two numbers,
// not a million.

import { UsageError } from "../errors.js";

export type NumberRange = [number, number];

export type NumberSelection = { kind: "all" } | { kind: "none" } | { kind: "some"; ranges: NumberRange[] };

export const ALL: NumberSelection = Object.freeze({ kind: "all" });
export const NONE: NumberSelection = Object.freeze({ kind: "none" });

const NUMBER = /^\d+$/;
const RANGE = /^(\d+)-(\d+)$/;

/**
 * Parses comma- and/or whitespace-separated positive integers and inclusive
 * ranges `a-b` (a ≤ b). `source` names where the text came from (a flag or an
 * environment variable) and prefixes every error message.
 */
export function parseNumberSpec(text: string, source: string): NumberSelection {
  const tokens = text.split(/[\s,]+/).filter((t) => t !== "");
  if (tokens.length === 0) {
    throw new UsageError(`${source}: the selection is empty; write numbers or ranges such as "1-5 10"`);
  }
  const ranges: NumberRange[] = tokens.map((token) => parseToken(token, source));
  return { kind: "some", ranges: mergeRanges(ranges) };
}

function parseToken(token: string, source: string): NumberRange {
  if (NUMBER.test(token)) {
    const n = toPositive(token, token, source);
    return [n, n];
  }
  const range = RANGE.exec(token);
  if (range) {
    const a = toPositive(range[1]!, token, source);
    const b = toPositive(range[2]!, token, source);
    if (a > b) throw new UsageError(`${source}: "${token}" is a reversed range; write ${b}-${a}`);
    return [a, b];
  }
  if (/^-\d+$/.test(token)) {
    throw new UsageError(
      `${source}: "${token}" is not allowed: numbers start at 1, and a range needs both ends`,
    );
  }
  if (/^\d+-$/.test(token)) {
    throw new UsageError(`${source}: "${token}" is an open range; write both ends, such as ${token}100`);
  }
  throw new UsageError(`${source}: "${token}" is not a number or a range such as 1-5`);
}

function toPositive(digits: string, token: string, source: string): number {
  const n = Number(digits);
  if (n === 0) throw new UsageError(`${source}: "${token}" is not allowed: numbers start at 1`);
  if (!Number.isSafeInteger(n)) throw new UsageError(`${source}: "${token}" is too large`);
  return n;
}

/** Sorts ranges and merges overlapping or adjacent ones. */
export function mergeRanges(ranges: readonly NumberRange[]): NumberRange[] {
  const sorted = [...ranges].sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const merged: NumberRange[] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Whether number `n` is selected (binary search over the merged ranges). */
export function selectionHas(sel: NumberSelection, n: number): boolean {
  if (sel.kind === "all") return true;
  if (sel.kind === "none") return false;
  let lo = 0;
  let hi = sel.ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = sel.ranges[mid]!;
    if (n < a) hi = mid - 1;
    else if (n > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** "all", "none", or the canonical spec such as "1-5,10,15-20" (parses back to the same selection). */
export function selectionToString(sel: NumberSelection): string {
  if (sel.kind !== "some") return sel.kind;
  return sel.ranges.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(",");
}

/** Iterates the selected numbers in ascending order, lazily. "all" cannot be enumerated. */
export function* selectionNumbers(sel: NumberSelection): Generator<number, void, undefined> {
  if (sel.kind === "all") throw new RangeError('cannot enumerate the selection "all"');
  if (sel.kind === "none") return;
  for (const [a, b] of sel.ranges) {
    for (let n = a; n <= b; n++) yield n;
  }
}

/** How many numbers are selected: Infinity for "all". */
export function selectionSize(sel: NumberSelection): number {
  if (sel.kind === "all") return Number.POSITIVE_INFINITY;
  if (sel.kind === "none") return 0;
  return sel.ranges.reduce((sum, [a, b]) => sum + (b - a + 1), 0);
}
