// Comment files brought up to date by an incremental save: the previous
// records, minus those of gone parents, with every comment created or edited
// since the previous save (the repository-wide list asked with `since`) put
// in their place. A comment deleted since does not show in any list, so each
// parent's resulting count is compared with GitHub's count now (the change
// plan's sweep, or the list's own total). For a parent that differs, the ids
// of its comments now are asked (many parents per GraphQL request): records
// GitHub no longer lists are dropped, and a parent that then still lacks a
// comment (or has more than a page) is read again through its own list.
import { keptLines } from "../../backup/merge-sorted-lines.js";
import type { SortKey } from "../../backup/sort-key.js";
import { fetchAll, parseLinkHeader } from "../../github/paginate-parallel.js";
import { type NumberSelection, selectionHas } from "../../selection/number-spec.js";
import type { EntitySaveResult, SaveContext } from "../types.js";
import { currentCommentIds } from "./comment-ids.js";
import { arr, int, type Json } from "./fields.js";
import type { IncrementalView } from "./incremental-view.js";
import type { RestObject } from "./sources.js";
import { writeRecords } from "./write-pages.js";

interface ChildRecord {
  id: number;
}

export interface IncrementalChildren<T extends ChildRecord> {
  file: string;
  sortKey: (record: T) => SortKey;
  /** The repository-wide list, e.g. "GET /repos/{owner}/{repo}/issues/comments". */
  listRoute: string;
  /** A record, or null when the comment is not this job's. */
  recordOf(raw: RestObject): T | null;
  parentOf(record: T): number;
}

/** The comments created or edited since the previous save, shared by the jobs that split one list. */
function changedSince(
  ctx: SaveContext,
  source: IncrementalView<SaveContext>,
  route: string,
): Promise<RestObject[]> {
  return source.once(`since ${route}`, () =>
    fetchAll<RestObject>(
      ctx.client,
      route,
      { owner: ctx.repo.owner, repo: ctx.repo.repo, since: source.since },
      { signal: ctx.signal },
    ),
  );
}

/** The previous records kept and the changed ones, keyed by id. */
async function merged<T extends ChildRecord>(
  ctx: SaveContext,
  source: IncrementalView<SaveContext>,
  spec: IncrementalChildren<T>,
  gone: ReadonlySet<number>,
): Promise<{
  updated: Map<number, T>;
  counts: Map<number, number>;
  ids: Map<number, number[]>;
  /** No previous record is left out (of a gone parent) or replaced (changed since), and none is new. */
  untouched: boolean;
}> {
  const updated = new Map<number, T>();
  for (const raw of await changedSince(ctx, source, spec.listRoute)) {
    const record = spec.recordOf(raw);
    if (record !== null) updated.set(record.id, record);
  }
  // Ids in arrays, made sets only for the few parents whose counts differ.
  const ids = new Map<number, number[]>();
  const bump = (parent: number, id: number) => {
    const held = ids.get(parent);
    if (held === undefined) ids.set(parent, [id]);
    else held.push(id);
  };
  let left = 0;
  for await (const record of source.records(spec.file)) {
    const parent = spec.parentOf(record as unknown as T);
    if (!gone.has(parent) && !updated.has(record.id as number)) bump(parent, record.id as number);
    else left += 1;
  }
  for (const record of updated.values()) bump(spec.parentOf(record), record.id);
  const counts = new Map([...ids].map(([parent, held]) => [parent, held.length] as const));
  return { updated, counts, ids, untouched: left === 0 && updated.size === 0 };
}

/** Writes the merged records `keep` accepts; `reread` parents get their own list's comments. */
function write<T extends ChildRecord>(
  ctx: SaveContext,
  source: IncrementalView<SaveContext>,
  spec: IncrementalChildren<T>,
  updated: Map<number, T>,
  keep: (record: T) => boolean,
  reread: readonly number[],
  parentList: (parent: number) => Promise<RestObject[]>,
  /** Every previous record is kept and none added: the previous file may stand as it is. */
  whole: boolean,
): Promise<EntitySaveResult> {
  return writeRecords<T>(
    ctx,
    spec.file,
    spec.sortKey,
    async (add) => {
      for (const record of updated.values()) if (keep(record)) await add(record);
      for (const parent of reread) {
        for (const raw of await parentList(parent)) {
          const record = spec.recordOf(raw);
          if (record !== null) await add(record);
        }
      }
    },
    () => keptLines<T>(source.lines(spec.file), (record) => keep(record) && !updated.has(record.id)),
    whole ? source.wholeFile(spec.file) : undefined,
  );
}

/** Conversation comments: each parent's count is checked against the sweep's. */
export async function saveCommentsIncrementally<T extends ChildRecord>(
  ctx: SaveContext,
  spec: IncrementalChildren<T> & { onPullRequest: boolean; selection: NumberSelection },
): Promise<EntitySaveResult> {
  const source = ctx.incremental as IncrementalView<SaveContext>;
  const plan = await source.plan(ctx);
  const { updated, counts, ids, untouched } = await merged(ctx, source, spec, plan.gone);
  const kind = spec.onPullRequest ? "PullRequest" : "Issue";
  const reread: number[] = [];
  const differ: number[] = [];
  for (const [n, k] of plan.kinds) {
    if (k !== kind || !selectionHas(spec.selection, n)) continue;
    if (plan.commentThreads.has(n)) reread.push(n);
    else if ((counts.get(n) ?? 0) !== (plan.comments.get(n) ?? 0)) differ.push(n);
  }
  // Settled: every comment GitHub lists now is among the merged records; the others are gone.
  const settled = new Map<number, Set<number>>();
  for (const [n, now] of await currentCommentIds(ctx, differ)) {
    const held = new Set(ids.get(n));
    if ([...now].every((id) => held.has(id))) settled.set(n, now);
  }
  for (const n of differ) if (!settled.has(n)) reread.push(n);
  if (differ.length > 0) {
    ctx.log.info(
      `${spec.file}: ${differ.length} parents' counts differ; ${settled.size} settled by their comment ids, ${reread.length} read again`,
    );
  }
  const rereadSet = new Set(reread);
  const where = { owner: ctx.repo.owner, repo: ctx.repo.repo };
  const whole =
    untouched &&
    reread.length === 0 &&
    [...settled].every(([n, now]) => (ids.get(n) ?? []).every((id) => now.has(id)));
  return write(
    ctx,
    source,
    spec,
    updated,
    (record) => {
      const parent = spec.parentOf(record);
      if (plan.gone.has(parent) || rereadSet.has(parent)) return false;
      return settled.get(parent)?.has(record.id) ?? true;
    },
    reread,
    (number) =>
      fetchAll<RestObject>(
        ctx.client,
        "GET /repos/{owner}/{repo}/issues/{number}/comments",
        { ...where, number },
        {
          signal: ctx.signal,
        },
      ),
    whole,
  );
}

/**
 * Review comments: GitHub counts them per pull request only in REST's single
 * pull request, so the repository-wide total is compared instead (the
 * list's last page at one per page); a difference, or a partial selection,
 * saves the file again in full through `full`.
 */
export async function saveReviewCommentsIncrementally<T extends ChildRecord>(
  ctx: SaveContext,
  spec: IncrementalChildren<T>,
  full: () => Promise<EntitySaveResult>,
): Promise<EntitySaveResult> {
  const source = ctx.incremental as IncrementalView<SaveContext>;
  if (ctx.selection.pullRequests.kind !== "all") return full();
  const { updated, counts, untouched } = await merged(ctx, source, spec, new Set());
  const saved = [...counts.values()].reduce((a, b) => a + b, 0);
  const total = await listTotal(ctx, spec.listRoute);
  if (total !== saved) {
    ctx.log.info(
      `${spec.file}: GitHub lists ${total}, ${saved} after merging changes; reading it again in full`,
    );
    return full();
  }
  return write(
    ctx,
    source,
    spec,
    updated,
    () => true,
    [],
    async () => [],
    untouched,
  );
}

/** How many items a page-numbered list holds: its last page number at one item per page. */
async function listTotal(ctx: SaveContext, route: string): Promise<number> {
  const response = await ctx.client.octokit.request(route, {
    owner: ctx.repo.owner,
    repo: ctx.repo.repo,
    per_page: 1,
    request: { signal: ctx.signal },
  });
  const last = parseLinkHeader(response.headers.link).last;
  if (last === undefined) return arr(response.data, "list").length;
  return int(Number(new URL(last).searchParams.get("page")), "last page") as number;
}

export type { Json };
