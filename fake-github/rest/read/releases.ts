// Releases (newest first; drafts only for callers with push access), one by
// id, by tag, the latest, a release's assets, and one asset: JSON by default,
// or with `Accept: application/octet-stream` a 302 to a signed storage URL
// that serves the bytes without credentials (as GitHub redirects to its CDN).
// The web download URL (`browser_download_url`) redirects the same way.
import { notFound } from "../../http/responses.js";
import type { FakeRequest, FakeResponse, RouteDef } from "../../http/types.js";
import type { FakeRelease, FakeRepo } from "../../store/types.js";
import { serializeAsset, serializeRelease } from "../serialize/releases.js";
import { intParam, pagedList, type RepoAccess, readRoute, withRepo } from "./common.js";
import { type SortSpec, sortedView } from "./sorted-view.js";

export interface ReleaseRouteDeps {
  /** Absolute, unauthenticated URL serving an asset's bytes. */
  assetUrl(origin: string, assetId: number): string;
}

const newestFirst: SortSpec<FakeRelease> = {
  id: "created",
  key: (release) => release.created_at,
  tie: (release) => release.id,
  desc: true,
};

function visibleReleases({ repo, canWrite }: RepoAccess): FakeRelease[] {
  const sorted = sortedView(repo, "releases", repo.releases, repo.releases.length, newestFirst);
  return canWrite ? [...sorted] : sorted.filter((release) => !release.draft);
}

function releaseById(access: RepoAccess, id: number | null): FakeRelease | undefined {
  const release = access.repo.releases.find((r) => r.id === id);
  return release && (!release.draft || access.canWrite) ? release : undefined;
}

function findAssetIn(repo: FakeRepo, assetId: number | null) {
  for (const release of repo.releases) {
    const asset = release.assets.find((a) => a.id === assetId);
    if (asset) return { release, asset };
  }
  return undefined;
}

function wantsBytes(req: FakeRequest): boolean {
  return (req.headers.accept ?? "").toLowerCase().includes("application/octet-stream");
}

function redirect(location: string): FakeResponse {
  return { status: 302, headers: { location } };
}

export function releaseRoutes(deps: ReleaseRouteDeps): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/releases", (req, { store }) =>
      withRepo(req, store, (access) =>
        pagedList(req, visibleReleases(access), (release) =>
          serializeRelease(store, access.repo, release, req.baseUrl),
        ),
      ),
    ),
    readRoute("/repos/{owner}/{repo}/releases/latest", (req, { store }) =>
      withRepo(req, store, (access) => {
        const latest = visibleReleases(access).find(
          (r) => !r.draft && !r.prerelease && r.published_at !== null,
        );
        return latest
          ? { status: 200, body: serializeRelease(store, access.repo, latest, req.baseUrl) }
          : notFound();
      }),
    ),
    readRoute("/repos/{owner}/{repo}/releases/tags/{tag}", (req, { store }) =>
      withRepo(req, store, (access) => {
        const release = access.repo.releases.find((r) => !r.draft && r.tag_name === req.params.tag);
        return release
          ? { status: 200, body: serializeRelease(store, access.repo, release, req.baseUrl) }
          : notFound();
      }),
    ),
    readRoute("/repos/{owner}/{repo}/releases/{release_id}", (req, { store }) =>
      withRepo(req, store, (access) => {
        const release = releaseById(access, intParam(req, "release_id"));
        return release
          ? { status: 200, body: serializeRelease(store, access.repo, release, req.baseUrl) }
          : notFound();
      }),
    ),
    readRoute("/repos/{owner}/{repo}/releases/{release_id}/assets", (req, { store }) =>
      withRepo(req, store, (access) => {
        const release = releaseById(access, intParam(req, "release_id"));
        if (!release) return notFound();
        return pagedList(req, release.assets, (asset) =>
          serializeAsset(store, access.repo, release, asset, req.baseUrl),
        );
      }),
    ),
    readRoute("/repos/{owner}/{repo}/releases/assets/{asset_id}", (req, { store }) =>
      withRepo(req, store, (access) => {
        const found = findAssetIn(access.repo, intParam(req, "asset_id"));
        if (!found || (found.release.draft && !access.canWrite)) return notFound();
        if (wantsBytes(req)) return redirect(deps.assetUrl(new URL(req.baseUrl).origin, found.asset.id));
        return {
          status: 200,
          body: serializeAsset(store, access.repo, found.release, found.asset, req.baseUrl),
        };
      }),
    ),
    readRoute(
      "/{owner}/{repo}/releases/download/{tag}/{name}",
      (req, { store }) =>
        withRepo(req, store, (access) => {
          const release = access.repo.releases.find((r) => !r.draft && r.tag_name === req.params.tag);
          const asset = release?.assets.find((a) => a.name === req.params.name);
          return asset ? redirect(deps.assetUrl(new URL(req.baseUrl).origin, asset.id)) : notFound();
        }),
      "none",
    ),
  ];
}
