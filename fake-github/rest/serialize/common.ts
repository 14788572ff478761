// What every REST serialiser shares. A serialiser turns store records into GitHub
// REST JSON, shaped as api.github.com returns them (field names, nesting, nulls,
// *_url fields), and only reads the store. Every URL is built from `baseUrl`
// (e.g. "http://127.0.0.1:1234"): API URLs as `${baseUrl}/repos/o/r/...`, web URLs
// as `${baseUrl}/o/r/...`.
import { reactionRollup } from "../../store/reactions.js";
import type { FakeIssue, FakeRepo } from "../../store/types.js";

/**
 * Optional per-request memo of derived counts (comments per issue, milestone
 * totals). Without it each serialisation scans the repo, which is correct but
 * O(repo size); a route serialising a page of 100 items should create one cache
 * per request (never keep it across writes, it does not see later changes).
 */
export interface SerializeCache {
  commentCounts: WeakMap<FakeRepo, Map<number, number>>;
  reviewCommentCounts: WeakMap<FakeRepo, Map<number, number>>;
  milestoneCounts: WeakMap<FakeRepo, Map<number, { open: number; closed: number }>>;
  openIssueCounts: WeakMap<FakeRepo, number>;
}

export function createSerializeCache(): SerializeCache {
  return {
    commentCounts: new WeakMap(),
    reviewCommentCounts: new WeakMap(),
    milestoneCounts: new WeakMap(),
    openIssueCounts: new WeakMap(),
  };
}

export interface SerializeOptions {
  /** The single-object GET shape (issue: adds closed_by; PR: adds merged, counts, merged_by). */
  single?: boolean;
  cache?: SerializeCache;
}

export function apiRepo(baseUrl: string, repo: FakeRepo): string {
  return `${baseUrl}/repos/${repo.ownerLogin}/${repo.name}`;
}

export function webRepo(baseUrl: string, repo: FakeRepo): string {
  return `${baseUrl}/${repo.ownerLogin}/${repo.name}`;
}

/** Web URL of an issue or PR: GitHub uses /pull/N for pull requests. */
export function webIssue(baseUrl: string, repo: FakeRepo, issue: FakeIssue): string {
  return `${webRepo(baseUrl, repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
}

export function webIssueByNumber(baseUrl: string, repo: FakeRepo, number: number): string {
  const issue = repo.issues.get(number);
  return `${webRepo(baseUrl, repo)}/${issue?.pull ? "pull" : "issues"}/${number}`;
}

/** GitHub's reactions rollup of a subject: its URL and the count of each reaction. */
export const reactionsRollup = reactionRollup;

export function countByNumber<T>(items: T[], key: (item: T) => number): Map<number, number> {
  const counts = new Map<number, number>();
  for (const item of items) {
    const n = key(item);
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}
