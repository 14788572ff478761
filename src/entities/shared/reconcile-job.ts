// A saving job's side of reconciliation: once its list is read, it waits for
// the counts another job collected, and reads a short parent again through
// that parent's own REST list (reconcile-children.ts decides what is missing).
import { fetchAll } from "../../github/paginate-parallel.js";
import type { SaveContext } from "../types.js";
import { int, obj } from "./fields.js";
import type { CountSource } from "./parent-counts.js";
import { reconcileChildren } from "./reconcile-children.js";
import type { RestObject } from "./sources.js";

export interface ParentLists {
  counts: CountSource;
  /** Parent → ids saved so far. */
  saved: Map<number, Set<number>>;
  /** "comments", "review comments". */
  children: string;
  /** "issue", "pull request". */
  parentNoun: string;
  /** The parent's own list of children, e.g. "GET /repos/{owner}/{repo}/issues/{number}/comments". */
  listRoute: string;
  /** The parent itself, e.g. "GET /repos/{owner}/{repo}/issues/{number}". */
  parentRoute: string;
  /** The parent's field holding the count now, e.g. "comments". */
  countField: string;
  /** Saves a recovered child; false when it is not this job's. */
  recover(raw: RestObject): Promise<boolean>;
  /** The count now, when the parent's REST object does not hold it (default: `countField` of `parentRoute`). */
  currentCount?(parent: number): Promise<number>;
}

export async function reconcileWithParents(ctx: SaveContext, spec: ParentLists): Promise<void> {
  const reported = await spec.counts.wait(ctx.signal);
  if (reported === null) return;
  const where = { owner: ctx.repo.owner, repo: ctx.repo.repo };
  const result = await reconcileChildren({
    children: spec.children,
    parentName: (n) => `${spec.parentNoun} #${n}`,
    reported,
    saved: spec.saved,
    fetchChildren: (n) =>
      fetchAll<RestObject>(ctx.client, spec.listRoute, { ...where, number: n }, { signal: ctx.signal }),
    currentCount:
      spec.currentCount ??
      (async (n) => {
        const response = await ctx.client.octokit.request(spec.parentRoute, {
          ...where,
          number: n,
          request: { signal: ctx.signal },
        });
        const what = `${spec.parentNoun} #${n}`;
        return int(obj(response.data, what)[spec.countField], `${what}.${spec.countField}`);
      }),
    idOf: (raw) => int(raw.id, `${spec.children}.id`),
    recover: spec.recover,
  });
  if (result.refetched > 0) {
    ctx.log.info(
      `${spec.children}: ${result.refetched} ${spec.parentNoun}s read again one by one, ${result.recovered} recovered, ${result.shrunk} with ${spec.children} deleted during the save`,
    );
  }
}
