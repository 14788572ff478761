import { selectionHas } from "../../selection/number-spec.js";
import { bool, int, type Json, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { byLogin, byName } from "../shared/order.js";
import { type PullCounts, sweepPullCounts } from "../shared/pull-counts.js";
import { labelRefs, milestoneRef, userRef, userRefs } from "../shared/rest-refs.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver, SaveContext } from "../types.js";
import { reconcileLabelsAndAssignees } from "./labels-assignees.js";
import { PULL_REQUESTS_FILE, type PullRequestRecord, pullRequestSortKey } from "./record.js";

function branch(value: unknown, what: string): PullRequestRecord["head"] {
  const b: Json = obj(value, what);
  const repo = objOrNull(b.repo, `${what}.repo`);
  return {
    ref: str(b.ref, `${what}.ref`),
    sha: str(b.sha, `${what}.sha`),
    repo: repo === null ? null : { full_name: str(repo.full_name, `${what}.repo.full_name`) },
  };
}

/** The record of one pull request from the REST list. */
function pullRequestRecord(p: Json): PullRequestRecord {
  const number = int(p.number, "pull.number");
  const mergedAt = strOrNull(p.merged_at, "pull.merged_at");
  return {
    id: int(p.id, "pull.id"),
    node_id: str(p.node_id, "pull.node_id"),
    number,
    title: str(p.title, "pull.title"),
    body: strOrNull(p.body, "pull.body"),
    state: str(p.state, "pull.state") as PullRequestRecord["state"],
    locked: bool(p.locked, "pull.locked"),
    active_lock_reason: strOrNull(p.active_lock_reason, "pull.active_lock_reason"),
    user: userRef(p.user, "pull.user"),
    labels: labelRefs(p.labels, "pull.labels").sort(byName),
    assignees: userRefs(p.assignees, "pull.assignees").sort(byLogin),
    milestone: milestoneRef(p.milestone, "pull.milestone"),
    draft: p.draft === true,
    head: branch(p.head, "pull.head"),
    base: branch(p.base, "pull.base"),
    merged: mergedAt !== null,
    merged_at: mergedAt,
    merge_commit_sha: strOrNull(p.merge_commit_sha, "pull.merge_commit_sha"),
    author_association: str(p.author_association, "pull.author_association"),
    created_at: str(p.created_at, "pull.created_at"),
    updated_at: str(p.updated_at, "pull.updated_at"),
    closed_at: strOrNull(p.closed_at, "pull.closed_at"),
    html_url: str(p.html_url, "pull.html_url"),
  };
}

/** GitHub's counts go last in the record, when known, once its labels and assignees are reconciled with them. */
async function withCounts(
  ctx: SaveContext,
  record: PullRequestRecord,
  counts: PullCounts | undefined,
): Promise<PullRequestRecord> {
  if (counts === undefined) return record;
  return { ...(await reconcileLabelsAndAssignees(ctx, record, counts)), reported_counts: counts };
}

export const pullRequestsSaver: EntitySaver = {
  name: "pull_requests",
  dependsOn: [],
  save: (ctx) =>
    writeRecords<PullRequestRecord>(ctx, PULL_REQUESTS_FILE, pullRequestSortKey, async (add) => {
      // Each record waits for its pull request's counts (pull-counts.ts): from
      // pr_reviews' batches, or from this job's own sweep when pr_reviews does
      // not run. Only the page's records are held meanwhile, not its answer.
      const sweep = ctx.shared.pullCountsReporter === "pull_requests";
      const pending: Promise<void>[] = [];
      let pages = 0;
      let records = 0;
      for await (const page of ctx.shared.pulls(ctx.client)) {
        ctx.signal.throwIfAborted();
        const selected = page.items
          .filter((p) => selectionHas(ctx.selection.pullRequests, int(p.number, "pull.number")))
          .map(pullRequestRecord);
        const numbers = selected.map((record) => record.number);
        const counts = sweep
          ? sweepPullCounts(ctx, numbers).then((found) => {
              for (const [n, c] of found) ctx.shared.pullCounts.set(n, c);
              return (n: number) => Promise.resolve(found.get(n));
            })
          : Promise.resolve((n: number) => ctx.shared.pullCounts.get(n));
        const written = counts.then(async (countsOf) => {
          for (const record of selected)
            await add(await withCounts(ctx, record, await countsOf(record.number)));
          records += selected.length;
          pages += 1;
          ctx.progress({ items: records, pages });
        });
        // Awaited below; kept from going unhandled while later pages arrive.
        written.catch(() => {});
        pending.push(written);
      }
      await Promise.all(pending);
      if (sweep) ctx.shared.pullCounts.complete();
    }),
};
