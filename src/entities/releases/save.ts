import { join } from "node:path";
import { hashFile, type WrittenFile, writeStreamAtomic } from "../../backup/atomic.js";
import { safeFileName } from "../../backup/safe-name.js";
import type { FileSummary } from "../../backup/sorted-jsonl-writer.js";
import { PRIORITY } from "../../save/priorities.js";
import { bool, int, type Json, obj, str, strOrNull } from "../shared/fields.js";
import { userRef } from "../shared/rest-refs.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver, SaveContext } from "../types.js";
import { reconciledAssets, sweepAssetCounts } from "./asset-counts.js";
import {
  RELEASES_FILE,
  type ReleaseAssetRecord,
  type ReleaseRecord,
  releaseAssetPath,
  releaseSortKey,
} from "./record.js";

const DOWNLOAD_ATTEMPTS = 3;

/**
 * Streams one asset to disk. The API's answer is read through the scheduler
 * without following its redirect; the bytes then come from file storage
 * outside the API's slots (see storage-download.ts). A failed or cut-off
 * download asks the API again, since the signed storage URL may have expired.
 */
async function downloadAsset(
  ctx: SaveContext,
  assetId: number,
  path: string,
  size: number,
): Promise<WrittenFile> {
  for (let attempt = 1; ; attempt++) {
    const response = await ctx.client.octokit.request(
      "GET /repos/{owner}/{repo}/releases/assets/{asset_id}",
      {
        owner: ctx.repo.owner,
        repo: ctx.repo.repo,
        asset_id: assetId,
        headers: { accept: "application/octet-stream" },
        // Few and small, and the last step of the save's longest chain.
        request: {
          parseSuccessResponseBody: false,
          redirect: "manual",
          signal: ctx.signal,
          priority: PRIORITY.chain,
          // A retry asks the API afresh: a resumed save's kept redirect may have expired.
          ...(attempt > 1 ? { replay: false } : {}),
        },
      },
    );
    const body = response.data as unknown as ReadableStream<Uint8Array> | null;
    // Asset files are written only once the folder is claimed.
    await ctx.repository;
    try {
      const location = response.headers.location;
      if (response.status >= 300 && response.status < 400) {
        await body?.cancel();
        if (typeof location !== "string") throw new Error(`asset ${assetId}: redirect without a location`);
        const url = new URL(location, response.url).href;
        return checkSize(
          await ctx.client.storage.download(url, ctx.signal, (bytes) => writeStreamAtomic(path, bytes)),
          assetId,
          size,
        );
      }
      if (body === null) throw new Error(`asset ${assetId}: empty answer`);
      return checkSize(
        await writeStreamAtomic(path, body as unknown as AsyncIterable<Uint8Array>),
        assetId,
        size,
      );
    } catch (error) {
      if (attempt >= DOWNLOAD_ATTEMPTS || ctx.signal.aborted) throw error;
      ctx.log.debug("asset download failed; asking for it again", { assetId, attempt });
    }
  }
}

/**
 * A download must have the size GitHub lists for the asset: a short file is
 * never kept (it is fetched again, and the job fails if it stays short).
 */
function checkSize(written: WrittenFile, assetId: number, size: number): WrittenFile {
  if (written.bytes !== size) {
    throw new Error(`asset ${assetId}: downloaded ${written.bytes} bytes, GitHub lists ${size}`);
  }
  return written;
}

/**
 * An asset a resumed save finds already downloaded: an earlier run of this
 * save marked it (same asset id, update time and size) with the SHA-256 of
 * the file it renamed into place, and the file still has those bytes.
 */
async function alreadySaved(ctx: SaveContext, key: string, path: string): Promise<WrittenFile | null> {
  const sha256 = ctx.done?.marked(key);
  if (sha256 === undefined) return null;
  const written = await hashFile(path).catch(() => null);
  return written?.sha256 === sha256 ? written : null;
}

/** Downloads an asset, unless an interrupted run of this save already did. */
async function saveAsset(ctx: SaveContext, asset: Json, path: string): Promise<WrittenFile> {
  const id = int(asset.id, "asset.id");
  const size = int(asset.size, "asset.size");
  const key = `release asset ${id} ${str(asset.updated_at, "asset.updated_at")} ${size} ${path}`;
  const earlier = await alreadySaved(ctx, key, path);
  if (earlier !== null && earlier.bytes === size) return earlier;
  const written = await downloadAsset(ctx, id, path, size);
  ctx.done?.mark(key, written.sha256);
  return written;
}

async function assetRecords(
  ctx: SaveContext,
  listed: unknown[],
  releaseId: number,
  files: FileSummary[],
): Promise<ReleaseAssetRecord[]> {
  const download = ctx.selection.entities.has("release_assets");
  const taken = new Set<string>();
  const assets = listed
    .map((a, i) => obj(a, `release.assets[${i}]`))
    .sort((a, b) => int(a.id, "asset.id") - int(b.id, "asset.id"));
  return Promise.all(
    assets.map(async (asset) => {
      const id = int(asset.id, "asset.id");
      const name = str(asset.name, "asset.name");
      let path: string | null = null;
      let sha256: string | null = null;
      if (download) {
        // GitHub's file names are untrusted: the file is stored under a safe
        // name inside the backup folder; the record keeps the original.
        path = releaseAssetPath(releaseId, safeFileName(name, taken));
        // An incremental save keeps an asset the previous save downloaded (an asset's bytes never change under its id).
        const written =
          (await ctx.incremental?.keptFile(path, int(asset.size, "asset.size"))) ??
          (await saveAsset(ctx, asset, join(ctx.outDir, path)));
        sha256 = written.sha256;
        files.push({ file: path, records: 1, bytes: written.bytes, sha256 });
      }
      return {
        id,
        name,
        label: strOrNull(asset.label, "asset.label"),
        content_type: str(asset.content_type, "asset.content_type"),
        size: int(asset.size, "asset.size"),
        created_at: str(asset.created_at, "asset.created_at"),
        updated_at: str(asset.updated_at, "asset.updated_at"),
        sha256,
        path,
      };
    }),
  );
}

export const releasesSaver: EntitySaver = {
  name: "releases",
  dependsOn: [],
  async save(ctx) {
    const assetFiles: FileSummary[] = [];
    const assetCounts = sweepAssetCounts(ctx);
    assetCounts.catch(() => {}); // awaited by the first release
    const result = await writePages<ReleaseRecord>(
      ctx,
      // The first step of the longest chain (release → asset redirect → download).
      listPages(ctx, "GET /repos/{owner}/{repo}/releases", {}, { priority: PRIORITY.chain }),
      {
        file: RELEASES_FILE,
        sortKey: releaseSortKey,
        map: async (r) => {
          const id = int(r.id, "release.id");
          const nodeId = str(r.node_id, "release.node_id");
          // GitHub leaves the rollup out of a release nobody reacted to.
          ctx.shared.reactionRollups.reportRest("releases", "release", { id, node_id: nodeId }, r, 0);
          const reported = (await assetCounts).get(id);
          const listed = await reconciledAssets(ctx, r, reported);
          return {
            id,
            node_id: nodeId,
            tag_name: str(r.tag_name, "release.tag_name"),
            target_commitish: str(r.target_commitish, "release.target_commitish"),
            name: strOrNull(r.name, "release.name"),
            body: strOrNull(r.body, "release.body"),
            draft: bool(r.draft, "release.draft"),
            prerelease: bool(r.prerelease, "release.prerelease"),
            author: userRef(r.author, "release.author"),
            created_at: str(r.created_at, "release.created_at"),
            published_at: strOrNull(r.published_at, "release.published_at"),
            html_url: str(r.html_url, "release.html_url"),
            assets: await assetRecords(ctx, listed, id, assetFiles),
            ...(reported === undefined ? {} : { reported_counts: { assets: reported } }),
          };
        },
      },
    );
    ctx.shared.reactionRollups.complete("releases");
    assetFiles.sort((a, b) => (a.file < b.file ? -1 : 1));
    return { records: result.records, files: [...result.files, ...assetFiles] };
  },
};
