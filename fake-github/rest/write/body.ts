// Reads typed fields from a JSON request body, answering a wrongly typed field
// the way GitHub's schema validation does (422 "Invalid request").
import { MutationError } from "../../store/mutations/errors.js";

function invalidType(field: string, value: unknown, type: string): MutationError {
  return new MutationError(
    422,
    `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(value)} is not ${type}.`,
  );
}

/** GitHub's longest issue, PR, comment or review text, in characters (code points, not UTF-16 units). */
export const MAX_TEXT_CHARS = 65_536;

/** `text` measured as GitHub measures a body: code points. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** 422 when `value` is longer than GitHub allows, worded as GitHub does. */
export function checkTextLength(resource: string, field: string, value: string): void {
  if (textLength(value) <= MAX_TEXT_CHARS) return;
  throw new MutationError(422, "Validation Failed", [
    {
      resource,
      code: "custom",
      field,
      message: `${field} is too long (maximum is ${MAX_TEXT_CHARS} characters)`,
    },
  ]);
}

export class Body {
  private readonly fields: Record<string, unknown>;

  constructor(raw: unknown) {
    if (raw === undefined || raw === null) this.fields = {};
    else if (typeof raw === "object" && !Array.isArray(raw) && !Buffer.isBuffer(raw)) {
      this.fields = raw as Record<string, unknown>;
    } else throw new MutationError(400, "Problems parsing JSON");
  }

  has(field: string): boolean {
    return this.fields[field] !== undefined;
  }

  raw(field: string): unknown {
    return this.fields[field];
  }

  string(field: string): string | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw invalidType(field, value, "a string");
    return value;
  }

  /** A string, or null when the client sent null (a "clear" in PATCH bodies). */
  nullableString(field: string): string | null | undefined {
    return this.fields[field] === null ? null : this.string(field);
  }

  /** A body text (issue, PR, comment, review): at most MAX_TEXT_CHARS characters. */
  text(field: string, resource: string): string | undefined {
    const value = this.string(field);
    if (value !== undefined) checkTextLength(resource, field, value);
    return value;
  }

  nullableText(field: string, resource: string): string | null | undefined {
    return this.fields[field] === null ? null : this.text(field, resource);
  }

  /** Titles may be sent as numbers, as GitHub allows. */
  stringOrNumber(field: string): string | undefined {
    const value = this.fields[field];
    return typeof value === "number" ? String(value) : this.string(field);
  }

  integer(field: string): number | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw invalidType(field, value, "an integer");
    return value;
  }

  nullableInteger(field: string): number | null | undefined {
    return this.fields[field] === null ? null : this.integer(field);
  }

  boolean(field: string): boolean | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw invalidType(field, value, "a boolean");
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      throw invalidType(field, value, `one of ${allowed.join(", ")}`);
    }
    return value as T;
  }

  stringArray(field: string): string[] | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
      throw invalidType(field, value, "an array of strings");
    }
    return value as string[];
  }

  /** Label lists: names, or `{name}` objects as GitHub also accepts. */
  labelNames(field: string): string[] | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw invalidType(field, value, "an array");
    return value.map((v) => {
      if (typeof v === "string") return v;
      if (v && typeof v === "object" && typeof (v as { name?: unknown }).name === "string") {
        return (v as { name: string }).name;
      }
      throw invalidType(field, value, "an array of label names");
    });
  }

  objectArray(field: string): Body[] | undefined {
    const value = this.fields[field];
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw invalidType(field, value, "an array");
    return value.map((v) => {
      if (!v || typeof v !== "object" || Array.isArray(v))
        throw invalidType(field, value, "an array of objects");
      return new Body(v);
    });
  }
}
