// Each release's asset count as GitHub reports it (GraphQL
// `releaseAssets.totalCount`; the REST release carries the list but no count),
// read in one sweep of the repository's releases alongside the REST list, and
// the reconciliation of a release's `assets` with it (reconcile-list.ts): a
// short list is read again through the release's own asset list.

import { graphqlQuery } from "../../github/graphql.js";
import { fetchAll } from "../../github/paginate-parallel.js";
import { PRIORITY } from "../../save/priorities.js";
import { totalCount } from "../shared/counted-connection.js";
import { arr, bool, int, type Json, obj, strOrNull } from "../shared/fields.js";
import { reconciledList } from "../shared/reconcile-list.js";
import type { RestObject } from "../shared/sources.js";
import type { SaveContext } from "../types.js";

const SWEEP = `query($owner: String!, $name: String!, $after: String) { repository(owner: $owner, name: $name) {
  releases(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { databaseId releaseAssets(first: 1) { totalCount } } } } }`;

/** Release id → asset count, for every release GitHub lists (one request per 100 releases). */
export async function sweepAssetCounts(ctx: SaveContext): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  let after: string | null = null;
  do {
    const { data }: { data: Json } = await graphqlQuery<Json>(
      ctx.client,
      SWEEP,
      { owner: ctx.repo.owner, name: ctx.repo.repo, after },
      // Release records wait for it: the start of the save's longest chain. The counts only decide
      // whether a release's own asset list is asked too (an ETagged GET), so a 304 to every GET
      // of the job still proves its file unchanged.
      { signal: ctx.signal, priority: PRIORITY.chain, derived: true },
    );
    const releases = obj(obj(data.repository, "repository").releases, "releases");
    for (const [i, node] of arr(releases.nodes, "releases.nodes").entries()) {
      const release = obj(node, `releases[${i}]`);
      out.set(
        int(release.databaseId, `releases[${i}].databaseId`),
        totalCount(release.releaseAssets, `releases[${i}].releaseAssets`),
      );
    }
    const pageInfo = obj(releases.pageInfo, "releases.pageInfo");
    after = bool(pageInfo.hasNextPage, "releases.pageInfo.hasNextPage")
      ? strOrNull(pageInfo.endCursor, "releases.pageInfo.endCursor")
      : null;
  } while (after !== null);
  return out;
}

/** The release's assets, reconciled with the count GitHub reported for it. */
export async function reconciledAssets(
  ctx: SaveContext,
  release: RestObject,
  reported: number | undefined,
): Promise<unknown[]> {
  const listed = arr(release.assets ?? [], "release.assets");
  if (reported === undefined) return listed;
  const id = int(release.id, "release.id");
  return reconciledList<unknown>(ctx, {
    parentName: `release ${strOrNull(release.tag_name, "release.tag_name") ?? id}`,
    noun: "assets",
    reported,
    listed,
    readAgain: () =>
      fetchAll<RestObject>(
        ctx.client,
        "GET /repos/{owner}/{repo}/releases/{release_id}/assets",
        { owner: ctx.repo.owner, repo: ctx.repo.repo, release_id: id },
        { signal: ctx.signal },
      ),
    currentCount: () => currentAssetCount(ctx, release),
  });
}

async function currentAssetCount(ctx: SaveContext, release: RestObject): Promise<number> {
  const { data } = await graphqlQuery<Json>(
    ctx.client,
    "query($id: ID!) { node(id: $id) { ... on Release { releaseAssets(first: 1) { totalCount } } } }",
    { id: release.node_id },
    { signal: ctx.signal },
  );
  return totalCount(obj(data.node, "release").releaseAssets, "release.releaseAssets");
}
