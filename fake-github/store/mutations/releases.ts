// Store changes for releases and their asset uploads.
import { makeNodeId } from "../node-id.js";
import type { FakeAsset, FakeRelease, FakeRepo, FakeStore, FakeUser } from "../types.js";
import { touch } from "./common.js";
import { notFound, validationFailed } from "./errors.js";

export interface ReleaseInput {
  tag_name?: string;
  target_commitish?: string;
  name?: string | null;
  body?: string | null;
  draft?: boolean;
  prerelease?: boolean;
}

function checkTagFree(repo: FakeRepo, tag: string, self: FakeRelease | null): void {
  if (repo.releases.some((r) => r !== self && r.tag_name === tag)) {
    throw validationFailed({ resource: "Release", code: "already_exists", field: "tag_name" });
  }
}

export function createRelease(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  input: ReleaseInput,
): FakeRelease {
  const tag = input.tag_name?.trim();
  if (!tag) throw validationFailed({ resource: "Release", code: "missing_field", field: "tag_name" });
  checkTagFree(repo, tag, null);
  const now = touch(store, repo);
  const id = store.nextId();
  const draft = input.draft ?? false;
  const release: FakeRelease = {
    id,
    node_id: makeNodeId("RE", id),
    tag_name: tag,
    target_commitish: input.target_commitish || repo.default_branch,
    name: input.name ?? null,
    body: input.body ?? null,
    draft,
    prerelease: input.prerelease ?? false,
    authorId: user.id,
    created_at: now,
    published_at: draft ? null : now,
    assets: [],
  };
  repo.releases.push(release);
  return release;
}

export function requireRelease(repo: FakeRepo, id: number): FakeRelease {
  const release = repo.releases.find((r) => r.id === id);
  if (!release) throw notFound();
  return release;
}

export function updateRelease(
  store: FakeStore,
  repo: FakeRepo,
  id: number,
  patch: ReleaseInput,
): FakeRelease {
  const release = requireRelease(repo, id);
  const tag = patch.tag_name?.trim();
  if (patch.tag_name !== undefined && !tag) {
    throw validationFailed({ resource: "Release", code: "missing_field", field: "tag_name" });
  }
  if (tag !== undefined) checkTagFree(repo, tag, release);
  const now = touch(store, repo);
  if (tag !== undefined) release.tag_name = tag;
  if (patch.target_commitish) release.target_commitish = patch.target_commitish;
  if (patch.name !== undefined) release.name = patch.name;
  if (patch.body !== undefined) release.body = patch.body;
  if (patch.prerelease !== undefined) release.prerelease = patch.prerelease;
  if (patch.draft !== undefined && patch.draft !== release.draft) {
    release.draft = patch.draft;
    release.published_at = patch.draft ? null : now;
  }
  return release;
}

export interface AssetInput {
  name: string;
  label: string | null;
  content_type: string;
  data: Buffer;
}

export function uploadAsset(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  releaseId: number,
  input: AssetInput,
): FakeAsset {
  const release = requireRelease(repo, releaseId);
  if (!input.name) throw validationFailed({ resource: "ReleaseAsset", code: "missing_field", field: "name" });
  if (!input.content_type) {
    throw validationFailed({ resource: "ReleaseAsset", code: "missing_field", field: "content_type" });
  }
  if (release.assets.some((a) => a.name === input.name)) {
    throw validationFailed({ resource: "ReleaseAsset", code: "already_exists", field: "name" });
  }
  const now = touch(store, repo);
  const id = store.nextId();
  const asset: FakeAsset = {
    id,
    node_id: makeNodeId("RA", id),
    name: input.name,
    label: input.label,
    content_type: input.content_type,
    data: input.data,
    download_count: 0,
    uploaderId: user.id,
    created_at: now,
    updated_at: now,
  };
  release.assets.push(asset);
  return asset;
}
