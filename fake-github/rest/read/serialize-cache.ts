// A serializer cache pre-filled from counts kept between requests. The
// serializer's own per-request cache recounts every comment and issue of the
// repository for each page; these memos are reused while the underlying
// records are unchanged (same objects; for issues, same milestone and state).
import type { FakeRepo } from "../../store/types.js";
import { createSerializeCache, type SerializeCache } from "../serialize/common.js";
import { memoByItems } from "./sorted-view.js";

function countBy<T>(repo: FakeRepo, list: string, items: readonly T[], parent: (item: T) => number) {
  // A comment never moves to another issue, so identity alone keeps the counts valid.
  return memoByItems(
    repo,
    `counts:${list}`,
    () => items,
    items.length,
    null,
    (all) => {
      const counts = new Map<number, number>();
      for (const item of all) counts.set(parent(item), (counts.get(parent(item)) ?? 0) + 1);
      return counts;
    },
  );
}

function milestoneTotals(repo: FakeRepo): Map<number, { open: number; closed: number }> {
  const key = (issue: { milestoneNumber: number | null; state: string }) =>
    issue.milestoneNumber === null ? -1 : issue.milestoneNumber * 2 + (issue.state === "open" ? 1 : 0);
  return memoByItems(
    repo,
    "counts:milestones",
    () => repo.issues.values(),
    repo.issues.size,
    key,
    (all) => {
      const totals = new Map<number, { open: number; closed: number }>();
      for (const issue of all) {
        if (issue.milestoneNumber === null) continue;
        const entry = totals.get(issue.milestoneNumber) ?? { open: 0, closed: 0 };
        if (issue.state === "open") entry.open++;
        else entry.closed++;
        totals.set(issue.milestoneNumber, entry);
      }
      return totals;
    },
  );
}

/** Conversation comments per issue/PR number (shared: do not modify). */
export function commentCountsFor(repo: FakeRepo): ReadonlyMap<number, number> {
  return countBy(repo, "comments", repo.comments, (c) => c.issue_number);
}

/** A SerializeCache for one request on `repo`, filled from the memos. */
export function serializeCacheFor(repo: FakeRepo): SerializeCache {
  const cache = createSerializeCache();
  cache.commentCounts.set(
    repo,
    countBy(repo, "comments", repo.comments, (c) => c.issue_number),
  );
  cache.reviewCommentCounts.set(
    repo,
    countBy(repo, "reviewComments", repo.reviewComments, (c) => c.pull_number),
  );
  cache.milestoneCounts.set(repo, milestoneTotals(repo));
  return cache;
}
