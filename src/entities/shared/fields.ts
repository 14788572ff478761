// Narrowing helpers for JSON that GitHub sent us. A wrong shape is a clear
// error naming the field, never a silent undefined in a backup file.

export type Json = Record<string, unknown>;

export class ShapeError extends Error {
  constructor(what: string, expected: string, value: unknown) {
    super(`unexpected GitHub response: ${what} should be ${expected}, got ${describe(value)}`);
    this.name = "ShapeError";
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}

export function obj(value: unknown, what: string): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ShapeError(what, "an object", value);
  }
  return value as Json;
}

export function objOrNull(value: unknown, what: string): Json | null {
  return value === null || value === undefined ? null : obj(value, what);
}

export function arr(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(what, "an array", value);
  return value;
}

export function str(value: unknown, what: string): string {
  if (typeof value !== "string") throw new ShapeError(what, "a string", value);
  return value;
}

export function strOrNull(value: unknown, what: string): string | null {
  return value === null || value === undefined ? null : str(value, what);
}

export function int(value: unknown, what: string): number {
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  if (typeof value !== "number" || !Number.isInteger(value)) throw new ShapeError(what, "an integer", value);
  return value;
}

export function intOrNull(value: unknown, what: string): number | null {
  return value === null || value === undefined ? null : int(value, what);
}

export function bool(value: unknown, what: string): boolean {
  if (typeof value !== "boolean") throw new ShapeError(what, "a boolean", value);
  return value;
}

/** The trailing number of a URL such as ".../issues/42" or ".../pulls/7". */
export function trailingNumber(url: unknown, what: string): number {
  const match = /\/(\d+)\/?$/.exec(str(url, what));
  if (!match?.[1]) throw new ShapeError(what, "a URL ending in a number", url);
  return Number(match[1]);
}
