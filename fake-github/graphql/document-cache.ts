// Parses and validates GraphQL query texts once. Two bounded LRU caches:
// - by exact text: the parsed document (or its syntax/validation errors), so a
//   repeated query (a retry, a small query sent again and again) skips both steps;
// - by validation shape (see shape-key.ts): which shapes are known valid, so a
//   batch that differs from the last only in aliases and numbers is parsed but
//   not validated again.
// The schema never changes at runtime and documents are never mutated (graphql-js
// treats them as read-only), so a cached document can be executed again as is.
import { type DocumentNode, GraphQLError, type GraphQLSchema, parse, validate } from "graphql";
import { formatSyntaxError, formatValidationError, type GitHubErrorJson } from "./errors.js";
import { validationShapeKey } from "./shape-key.js";

export type PreparedDocument =
  | { ok: true; document: DocumentNode }
  | { ok: false; errors: GitHubErrorJson[] };

/** A Map kept in least-recently-used order, holding at most `limit` entries. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** A parsed document holds its whole token list (~0.4 MB for a 100-alias batch): keep few, and small ones. */
const maxCachedDocuments = 16;
const maxCachedSourceLength = 64 * 1024;
const maxCachedShapes = 256;

export class DocumentCache {
  private readonly byText = new LruCache<string, PreparedDocument>(maxCachedDocuments);
  private readonly validShapes = new LruCache<string, true>(maxCachedShapes);
  /** Counters for tests: how often each step really ran. */
  readonly counts = { parsed: 0, validated: 0 };

  constructor(private readonly schema: GraphQLSchema) {}

  prepare(source: string): PreparedDocument {
    const cached = this.byText.get(source);
    if (cached) return cached;
    const prepared = this.parseAndValidate(source);
    if (source.length <= maxCachedSourceLength) this.byText.set(source, prepared);
    return prepared;
  }

  private parseAndValidate(source: string): PreparedDocument {
    let document: DocumentNode;
    this.counts.parsed++;
    try {
      document = parse(source);
    } catch (error) {
      if (error instanceof GraphQLError) return { ok: false, errors: [formatSyntaxError(error)] };
      throw error;
    }
    const shape = validationShapeKey(document);
    if (shape !== null && this.validShapes.get(shape)) return { ok: true, document };
    this.counts.validated++;
    const errors = validate(this.schema, document);
    if (errors.length > 0) return { ok: false, errors: errors.map(formatValidationError) };
    if (shape !== null) this.validShapes.set(shape, true);
    return { ok: true, document };
  }
}
