// Releases and their assets as GitHub's REST API returns them.

import { createHash } from "node:crypto";
import { reactionsOf } from "../../store/reactions.js";
import type { FakeAsset, FakeRelease, FakeRepo, FakeStore } from "../../store/types.js";
import { apiRepo, reactionsRollup, webRepo } from "./common.js";
import { serializeUser } from "./users.js";

export type RestRelease = Record<string, unknown>;
export type RestAsset = Record<string, unknown>;

const digestCache = new WeakMap<Buffer, string>();

function sha256Digest(data: Buffer): string {
  let digest = digestCache.get(data);
  if (!digest) {
    digest = `sha256:${createHash("sha256").update(data).digest("hex")}`;
    digestCache.set(data, digest);
  }
  return digest;
}

export function serializeAsset(
  store: FakeStore,
  repo: FakeRepo,
  release: FakeRelease,
  asset: FakeAsset,
  baseUrl: string,
): RestAsset {
  return {
    url: `${apiRepo(baseUrl, repo)}/releases/assets/${asset.id}`,
    id: asset.id,
    node_id: asset.node_id,
    name: asset.name,
    label: asset.label,
    uploader: serializeUser(store, asset.uploaderId, baseUrl),
    content_type: asset.content_type,
    state: "uploaded",
    size: asset.data.length,
    digest: sha256Digest(asset.data),
    download_count: asset.download_count,
    created_at: asset.created_at,
    updated_at: asset.updated_at,
    browser_download_url: `${webRepo(baseUrl, repo)}/releases/download/${encodeURIComponent(release.tag_name)}/${encodeURIComponent(asset.name)}`,
  };
}

export function serializeRelease(
  store: FakeStore,
  repo: FakeRepo,
  release: FakeRelease,
  baseUrl: string,
): RestRelease {
  const api = apiRepo(baseUrl, repo);
  const url = `${api}/releases/${release.id}`;
  const tag = encodeURIComponent(release.tag_name);
  const reactions = reactionsOf(repo, "release", release.id);
  let updated = release.created_at;
  for (const asset of release.assets) if (asset.updated_at > updated) updated = asset.updated_at;
  if (release.published_at !== null && release.published_at > updated) updated = release.published_at;
  return {
    url,
    assets_url: `${url}/assets`,
    upload_url: `${baseUrl}/uploads/repos/${repo.ownerLogin}/${repo.name}/releases/${release.id}/assets{?name,label}`,
    html_url: `${webRepo(baseUrl, repo)}/releases/tag/${tag}`,
    id: release.id,
    author: serializeUser(store, release.authorId, baseUrl),
    node_id: release.node_id,
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    draft: release.draft,
    immutable: false,
    prerelease: release.prerelease,
    created_at: release.created_at,
    updated_at: updated,
    published_at: release.published_at,
    assets: release.assets.map((asset) => serializeAsset(store, repo, release, asset, baseUrl)),
    tarball_url: `${api}/tarball/${tag}`,
    zipball_url: `${api}/zipball/${tag}`,
    body: release.body,
    // GitHub sends a release's rollup only once someone has reacted.
    ...(reactions.length > 0 ? { reactions: reactionsRollup(`${url}/reactions`, reactions) } : {}),
  };
}
