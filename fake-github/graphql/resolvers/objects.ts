// Label, Milestone, Release, ReleaseAsset, Commit and Ref.
import type { FakeAsset, FakeRelease, FakeRepo } from "../../store/types.js";
import { paginateSorted } from "../connection.js";
import { commitNodeId, refNodeId } from "../node-lookup.js";
import {
  type AssetSrc,
  assetSrc,
  type CommitSrc,
  commitSrc,
  type LabelSrc,
  type MilestoneSrc,
  type RefSrc,
  type ReleaseSrc,
  releaseSrc,
  repoSrc,
} from "../sources.js";
import { mapConnection } from "./issue-lists.js";
import { actor, asUser, ghostUser, pageArgs, repoPath, stringArg, type TypeResolvers } from "./shared.js";

export const labelResolvers: TypeResolvers<LabelSrc> = {
  id: (src) => src.label.node_id,
  name: (src) => src.label.name,
  color: (src) => src.label.color,
  description: (src) => src.label.description,
  isDefault: (src) => src.label.default,
  repository: (src) => repoSrc(src.repo),
  resourcePath: (src) => `${repoPath(src.repo)}/labels/${encodeURIComponent(src.label.name)}`,
  url: (src, _args, ctx) =>
    `${ctx.baseUrl}${repoPath(src.repo)}/labels/${encodeURIComponent(src.label.name)}`,
};

function milestoneProgress(repo: FakeRepo, number: number): number {
  let total = 0;
  let closed = 0;
  for (const issue of repo.issues.values()) {
    if (issue.milestoneNumber !== number) continue;
    total++;
    if (issue.state === "closed") closed++;
  }
  return total === 0 ? 0 : (closed * 100) / total;
}

export const milestoneResolvers: TypeResolvers<MilestoneSrc> = {
  id: (src) => src.milestone.node_id,
  number: (src) => src.milestone.number,
  title: (src) => src.milestone.title,
  description: (src) => src.milestone.description,
  state: (src) => src.milestone.state.toUpperCase(),
  closed: (src) => src.milestone.state === "closed",
  closedAt: (src) => src.milestone.closed_at,
  createdAt: (src) => src.milestone.created_at,
  updatedAt: (src) => src.milestone.updated_at,
  dueOn: (src) => src.milestone.due_on,
  creator: (src, _args, ctx) => actor(ctx, src.milestone.creatorId),
  progressPercentage: (src) => milestoneProgress(src.repo, src.milestone.number),
  repository: (src) => repoSrc(src.repo),
  resourcePath: (src) => `${repoPath(src.repo)}/milestone/${src.milestone.number}`,
  url: (src, _args, ctx) => `${ctx.baseUrl}${repoPath(src.repo)}/milestone/${src.milestone.number}`,
};

/** GitHub's "latest" release: the newest published release that is neither a draft nor a prerelease. */
function isLatest(repo: FakeRepo, release: FakeRelease): boolean {
  let latest: FakeRelease | null = null;
  for (const candidate of repo.releases) {
    if (candidate.draft || candidate.prerelease) continue;
    const at = candidate.published_at ?? candidate.created_at;
    if (!latest || at > (latest.published_at ?? latest.created_at)) latest = candidate;
  }
  return latest === release;
}

function releasePath(repo: FakeRepo, release: FakeRelease): string {
  return `${repoPath(repo)}/releases/tag/${encodeURIComponent(release.tag_name)}`;
}

/** The same link REST serves as browser_download_url. */
function downloadUrl(baseUrl: string, repo: FakeRepo, release: FakeRelease, asset: FakeAsset): string {
  return `${baseUrl}${repoPath(repo)}/releases/download/${encodeURIComponent(release.tag_name)}/${encodeURIComponent(asset.name)}`;
}

export const releaseResolvers: TypeResolvers<ReleaseSrc> = {
  id: (src) => src.release.node_id,
  databaseId: (src) => src.release.id,
  name: (src) => src.release.name,
  tagName: (src) => src.release.tag_name,
  description: (src) => src.release.body,
  isDraft: (src) => src.release.draft,
  isPrerelease: (src) => src.release.prerelease,
  isLatest: (src) => isLatest(src.repo, src.release),
  createdAt: (src) => src.release.created_at,
  publishedAt: (src) => src.release.published_at,
  author: (src, _args, ctx) => asUser(ctx, src.release.authorId),
  repository: (src) => repoSrc(src.repo),
  resourcePath: (src) => releasePath(src.repo, src.release),
  url: (src, _args, ctx) => `${ctx.baseUrl}${releasePath(src.repo, src.release)}`,
  releaseAssets: (src, args) => {
    const name = stringArg(args, "name");
    const assets = src.release.assets.filter((asset) => name === null || asset.name === name);
    const key = (asset: FakeAsset) => [asset.id];
    const page = paginateSorted("releaseAssets", pageArgs(args), assets, key);
    return mapConnection(page, (asset) => assetSrc(src.repo, src.release, asset));
  },
};

export const assetResolvers: TypeResolvers<AssetSrc> = {
  id: (src) => src.asset.node_id,
  name: (src) => src.asset.name,
  contentType: (src) => src.asset.content_type,
  size: (src) => src.asset.data.length,
  downloadCount: (src) => src.asset.download_count,
  createdAt: (src) => src.asset.created_at,
  updatedAt: (src) => src.asset.updated_at,
  downloadUrl: (src, _args, ctx) => downloadUrl(ctx.baseUrl, src.repo, src.release, src.asset),
  url: (src, _args, ctx) => downloadUrl(ctx.baseUrl, src.repo, src.release, src.asset),
  release: (src) => releaseSrc(src.repo, src.release),
  // Non-null on GitHub: a deleted uploader shows as the ghost account.
  uploadedBy: (src, _args, ctx) =>
    asUser(ctx, src.asset.uploaderId) ?? { __typename: "User", user: ghostUser },
};

function commitPath(src: CommitSrc): string {
  return `${repoPath(src.repo)}/commit/${src.oid}`;
}

export const commitResolvers: TypeResolvers<CommitSrc> = {
  id: (src) => commitNodeId(src.repo, src.oid),
  oid: (src) => src.oid,
  abbreviatedOid: (src) => src.oid.slice(0, 7),
  repository: (src) => repoSrc(src.repo),
  resourcePath: (src) => commitPath(src),
  commitResourcePath: (src) => commitPath(src),
  url: (src, _args, ctx) => `${ctx.baseUrl}${commitPath(src)}`,
  commitUrl: (src, _args, ctx) => `${ctx.baseUrl}${commitPath(src)}`,
};

export const refResolvers: TypeResolvers<RefSrc> = {
  id: (src) => refNodeId(src.repo, src.name),
  name: (src) => src.name,
  prefix: () => "refs/heads/",
  target: (src) => commitSrc(src.repo, src.oid),
};
