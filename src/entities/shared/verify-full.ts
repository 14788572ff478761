// `save --incremental --verify-full`: the sweep also asks, for every issue and
// pull request, what GitHub can change without moving `updatedAt` or any
// count — the author's login and association, each conversation comment's id,
// `updatedAt`, author and association, and each review's state, body, author
// and association — and compares it with the previous save's records. A
// number whose own facts differ is read again; a comment thread that differs
// in a way the `since` list and the count check cannot see is read again
// through its own list. What it finds beyond the cheap checks is reported.
import { ISSUE_COMMENTS_FILE } from "../issue_comments/record.js";
import { PR_COMMENTS_FILE } from "../pr_comments/record.js";
import { PR_REVIEWS_FILE } from "../pr_reviews/record.js";
import type { SaveContext } from "../types.js";
import { arr, int, type Json, obj, objOrNull, str, strOrNull } from "./fields.js";
import { ACTOR_FIELDS, actorRef, databaseId } from "./graphql-refs.js";
import type { IncrementalView } from "./incremental-view.js";

export type { VerifyFindings } from "./incremental-view.js";

/** Numbers per sweep request when verifying: each asks up to 100 comments and 100 reviews. */
export const VERIFY_BATCH = 500;

/** Children asked per number; a thread longer than this is read again through its own list. */
const PAGE = 100;

/** The fields the verifying sweep adds to each number (aliased, so they never clash with the cheap ones). */
export function verifySelection(has: (name: string) => boolean): string {
  const comments = `vc: comments(first: ${PAGE}) { totalCount nodes { fullDatabaseId updatedAt authorAssociation author { ${ACTOR_FIELDS} } } }`;
  const reviews = has("pr_reviews")
    ? `vr: reviews(first: ${PAGE}) { totalCount nodes { fullDatabaseId state body authorAssociation author { ${ACTOR_FIELDS} } } }`
    : "";
  const own = `va: author { ${ACTOR_FIELDS} } vaa: authorAssociation`;
  return ` ... on Issue { ${own} ${comments} } ... on PullRequest { ${own} ${comments} ${reviews} }`;
}

const login = (user: unknown): string | null => {
  const u = user as { login?: unknown } | null | undefined;
  return typeof u?.login === "string" ? u.login : null;
};
const commentKey = (updatedAt: unknown, user: string | null, association: unknown) =>
  JSON.stringify([updatedAt, user, association]);
const reviewKey = (state: unknown, body: unknown, user: string | null, association: unknown) =>
  JSON.stringify([state, body ?? null, user, association]);

/** The previous save's comments and reviews per parent, in the terms the sweep answers in. */
export interface SavedChildren {
  comments: Map<number, Map<number, string>>;
  reviews: Map<number, Map<number, string>>;
}

export async function readSavedChildren(source: IncrementalView<SaveContext>): Promise<SavedChildren> {
  const saved: SavedChildren = { comments: new Map(), reviews: new Map() };
  const put = (map: Map<number, Map<number, string>>, parent: number, id: number, key: string) => {
    let children = map.get(parent);
    if (children === undefined) {
      children = new Map();
      map.set(parent, children);
    }
    children.set(id, key);
  };
  for (const [file, parentField] of [
    [ISSUE_COMMENTS_FILE, "issue_number"],
    [PR_COMMENTS_FILE, "pull_request_number"],
  ] as const) {
    for await (const r of source.records(file)) {
      const key = commentKey(r.updated_at, login(r.user), r.author_association);
      put(saved.comments, r[parentField] as number, r.id as number, key);
    }
  }
  for await (const r of source.records(PR_REVIEWS_FILE)) {
    const key = reviewKey(r.state, r.body, login(r.user), r.author_association);
    put(saved.reviews, r.pull_request_number as number, r.id as number, key);
  }
  return saved;
}

/** A number's answer to the verifying fields. */
export interface VerifyFacts {
  author: string | null;
  association: string;
  /** Comment id → key and `updatedAt`; null when the thread is longer than a page. */
  comments: Map<number, { key: string; updatedAt: string }> | null;
  /** Review id → key; null when longer than a page, undefined when reviews are not saved. */
  reviews?: Map<number, string> | null;
}

export function verifyFactsOf(node: Json, n: number): VerifyFacts {
  const what = `#${n}`;
  const facts: VerifyFacts = {
    author: actorRef(node.va, `${what}.author`)?.login ?? null,
    association: str(node.vaa, `${what}.authorAssociation`),
    comments: null,
  };
  const comments = obj(node.vc, `${what}.comments`);
  const nodes = arr(comments.nodes, `${what}.comments.nodes`);
  if (int(comments.totalCount, `${what}.comments.totalCount`) <= nodes.length) {
    facts.comments = new Map();
    for (const [i, raw] of nodes.entries()) {
      const c = obj(raw, `${what}.comments[${i}]`);
      const updatedAt = str(c.updatedAt, `${what}.comments[${i}].updatedAt`);
      const user = actorRef(c.author, `${what}.comments[${i}].author`)?.login ?? null;
      facts.comments.set(databaseId(c, `${what}.comments[${i}]`), {
        key: commentKey(updatedAt, user, c.authorAssociation),
        updatedAt,
      });
    }
  }
  const reviews = objOrNull(node.vr, `${what}.reviews`);
  if (reviews !== null) {
    const list = arr(reviews.nodes, `${what}.reviews.nodes`);
    facts.reviews = int(reviews.totalCount, `${what}.reviews.totalCount`) > list.length ? null : new Map();
    for (const [i, raw] of list.entries()) {
      const r = obj(raw, `${what}.reviews[${i}]`);
      const user = actorRef(r.author, `${what}.reviews[${i}].author`)?.login ?? null;
      const body = strOrNull(r.body, `${what}.reviews[${i}].body`);
      facts.reviews?.set(
        databaseId(r, `${what}.reviews[${i}]`),
        reviewKey(r.state, body, user, r.authorAssociation),
      );
    }
  }
  return facts;
}

function sameMap<T>(a: ReadonlyMap<number, T>, b: ReadonlyMap<number, T>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, value] of a) if (b.get(id) !== value) return false;
  return true;
}

/** Whether the record of `n` (issue or pull request) differs from what GitHub shows now. */
export function recordDiffers(
  record: Json | undefined,
  facts: VerifyFacts,
  saved: SavedChildren,
  n: number,
): boolean {
  if (record === undefined) return true;
  if (login(record.user) !== facts.author || record.author_association !== facts.association) return true;
  if (facts.reviews === undefined) return false;
  return facts.reviews === null || !sameMap(saved.reviews.get(n) ?? new Map(), facts.reviews);
}

/**
 * Whether the comment thread of `n` differs in a way the cheap path misses:
 * the count is the same and some difference is not a comment the `since`
 * list returns (one whose `updatedAt` is not after since).
 */
export function threadMissed(
  facts: VerifyFacts,
  saved: SavedChildren,
  n: number,
  since: string,
  countNow: number,
): boolean {
  const before = saved.comments.get(n) ?? new Map<number, string>();
  const now = facts.comments;
  if (now === null) return false; // longer than a page: left to the count check
  if (before.size !== countNow) return false; // the count check reads it again
  const sinceMs = Date.parse(since);
  for (const [id, c] of now) {
    if (before.get(id) === c.key) continue;
    if (Date.parse(c.updatedAt) < sinceMs) return true;
  }
  // A saved comment gone while the count stayed has a replacement: new after since, the merged count
  // differs from GitHub's and the count check reads the thread again; older, the loop above saw it.
  return false;
}
