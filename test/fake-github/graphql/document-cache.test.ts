// Parsed and validated documents are reused: by exact text, and (validation
// only) across batches that differ just in aliases and small integers. Any other
// difference must be validated on its own, with GitHub's errors.
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { DocumentCache, LruCache } from "../../../fake-github/graphql/document-cache.js";
import { fakeSchema } from "../../../fake-github/graphql/schema.js";
import { validationShapeKey } from "../../../fake-github/graphql/shape-key.js";
import { at, makeEnv, repoArgs, run } from "./helpers.js";

function batch(numbers: number[], fragment = "title"): string {
  const fields = numbers.map((n) => `n${n}: issueOrPullRequest(number: ${n}) { ...F }`).join(" ");
  return `query { repository(${repoArgs}) { ${fields} } } fragment F on IssueOrPullRequest { ... on Issue { number ${fragment} } }`;
}

function keyOf(source: string): string | null {
  return validationShapeKey(parse(source));
}

describe("document cache", () => {
  it("parses and validates the same text once", () => {
    const cache = new DocumentCache(fakeSchema());
    const first = cache.prepare(batch([1, 2]));
    const second = cache.prepare(batch([1, 2]));
    expect(first.ok).toBe(true);
    expect(second).toBe(first);
    expect(cache.counts).toEqual({ parsed: 1, validated: 1 });
  });

  it("validates a batch shape once, whatever its aliases and numbers", () => {
    const cache = new DocumentCache(fakeSchema());
    for (const numbers of [
      [1, 2, 3],
      [101, 102, 103],
      [7, 9, 1234],
    ])
      expect(cache.prepare(batch(numbers)).ok).toBe(true);
    expect(cache.counts).toEqual({ parsed: 3, validated: 1 });
    // A different selection is a different shape.
    expect(cache.prepare(batch([1, 2, 3], "body")).ok).toBe(true);
    expect(cache.counts.validated).toBe(2);
  });

  it("still rejects what only looks like a known shape", () => {
    const cache = new DocumentCache(fakeSchema());
    expect(cache.prepare(batch([1, 2])).ok).toBe(true);
    // Out of GraphQL's 32-bit Int range: its own validation, its own error.
    const big = cache.prepare(batch([1, 99_999_999_999]));
    expect(big.ok).toBe(false);
    if (!big.ok) expect(big.errors[0]?.message).toMatch(/Int cannot represent non 32-bit signed integer/);
    // Two fields under one response name conflict.
    const clash = cache.prepare(
      `query { repository(${repoArgs}) { a: issue(number: 1) { title } a: issue(number: 2) { body } } }`,
    );
    expect(cache.prepare(`query { repository(${repoArgs}) { a: issue(number: 1) { title } } }`).ok).toBe(
      true,
    );
    expect(clash.ok).toBe(false);
    // Fields merged under one response name must agree on their arguments.
    const merged = (x: number, y: number) =>
      `query { repository(${repoArgs}) { a: issue(number: ${x}) { title } a: issue(number: ${y}) { title } } }`;
    expect(cache.prepare(merged(1, 1)).ok).toBe(true);
    const differing = cache.prepare(merged(1, 2));
    expect(differing.ok).toBe(false);
    if (!differing.ok) expect(differing.errors[0]?.message).toMatch(/they have differing arguments/);
    expect(cache.counts.validated).toBe(6);
  });

  it("caches syntax errors with graphql-ruby's wording", () => {
    const cache = new DocumentCache(fakeSchema());
    const broken = cache.prepare("query { repository(");
    expect(cache.prepare("query { repository(")).toBe(broken);
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.errors[0]?.message).toMatch(/^Parse error: /);
    expect(cache.counts).toEqual({ parsed: 1, validated: 0 });
  });
});

describe("validation shape key", () => {
  it("ignores alias names and small integers but nothing else", () => {
    expect(keyOf(batch([1, 2]))).toBe(keyOf(batch([50, 60])));
    expect(keyOf(batch([1, 2]))).not.toBe(keyOf(batch([1, 2, 3])));
    expect(keyOf(batch([1, 2]))).not.toBe(keyOf(batch([1, 99_999_999_999])));
    expect(keyOf("{ viewer { a: login b: login } }")).toBe(keyOf("{ viewer { x: login y: login } }"));
    // Which integers are equal matters too.
    expect(keyOf("{ viewer { avatarUrl(size: 1) } }")).toBe(keyOf("{ viewer { avatarUrl(size: 2) } }"));
    expect(keyOf("{ viewer { a: avatarUrl(size: 1) a: avatarUrl(size: 1) } }")).not.toBe(
      keyOf("{ viewer { a: avatarUrl(size: 1) a: avatarUrl(size: 2) } }"),
    );
    // Which aliases are equal matters.
    expect(keyOf("{ viewer { a: login a: login } }")).not.toBe(keyOf("{ viewer { a: login b: login } }"));
    expect(keyOf("{ viewer { avatarUrl(size: 1) login } }")).not.toBe(
      keyOf('{ viewer { avatarUrl(size: "1") login } }'),
    );
    expect(keyOf("{ viewer { ...on User { login } } }")).not.toBe(keyOf("{ viewer { ...onUser } }"));
  });

  it("gives no key when an alias is also a field name of the document", () => {
    expect(keyOf("{ viewer { databaseId: login databaseId } }")).toBeNull();
    expect(keyOf("type Query { a: Int }")).toBeNull();
  });
});

describe("LRU cache", () => {
  it("keeps the most recently used entries up to its limit", () => {
    const lru = new LruCache<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1);
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.size).toBe(2);
  });
});

describe("executing batches through the cache", () => {
  it("answers each batch with its own aliases and numbers", async () => {
    const env = makeEnv("small");
    const numbers = [...env.ds.repo.issues.values()]
      .filter((issue) => issue.pull === null)
      .map((issue) => issue.number);
    if (numbers.length < 4) throw new Error("dataset too small");
    for (const pair of [numbers.slice(0, 2), numbers.slice(2, 4)]) {
      const res = await run(env, batch(pair));
      expect(res.body.errors).toBeUndefined();
      for (const n of pair) {
        expect(at(res.body.data, `repository.n${n}.number`)).toBe(n);
        expect(at(res.body.data, `repository.n${n}.title`)).toBe(env.ds.repo.issues.get(n)?.title);
      }
    }
  });
});
