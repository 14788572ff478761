// Release writes (create, update) and asset upload. Uploads arrive on the
// server's /uploads prefix, which the release's `upload_url` names, as
// GitHub's live on uploads.github.com.
import type { RouteDef } from "../../http/types.js";
import {
  createRelease,
  type ReleaseInput,
  updateRelease,
  uploadAsset,
} from "../../store/mutations/releases.js";
import { serializeAsset, serializeRelease } from "../serialize/releases.js";
import { intParam, requireWritableRepo } from "./access.js";
import { Body } from "./body.js";
import { created, okJson, writeRoute } from "./route.js";

function releaseInput(body: Body): ReleaseInput {
  return {
    tag_name: body.string("tag_name"),
    target_commitish: body.string("target_commitish"),
    name: body.nullableString("name"),
    body: body.nullableString("body"),
    draft: body.boolean("draft"),
    prerelease: body.boolean("prerelease"),
  };
}

export const releaseRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/releases",
    "releases/releases#create-a-release",
    (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const release = createRelease(store, repo, user, releaseInput(new Body(req.body)));
      return created(serializeRelease(store, repo, release, req.baseUrl));
    },
    { contentCreating: true },
  ),
  writeRoute(
    "PATCH",
    "/repos/{owner}/{repo}/releases/{release_id}",
    "releases/releases#update-a-release",
    (req, { store }) => {
      const { repo } = requireWritableRepo(req, store);
      const release = updateRelease(
        store,
        repo,
        intParam(req, "release_id"),
        releaseInput(new Body(req.body)),
      );
      return okJson(serializeRelease(store, repo, release, req.baseUrl));
    },
  ),
  writeRoute(
    "POST",
    "/uploads/repos/{owner}/{repo}/releases/{release_id}/assets",
    "releases/assets#upload-a-release-asset",
    (req, { store }) => {
      const { repo, user } = requireWritableRepo(req, store);
      const releaseId = intParam(req, "release_id");
      const data = req.rawBody;
      const asset = uploadAsset(store, repo, user, releaseId, {
        name: req.query.get("name") ?? "",
        label: req.query.get("label"),
        content_type: req.headers["content-type"] ?? "",
        data: Buffer.from(data),
      });
      const release = repo.releases.find((r) => r.id === releaseId);
      return created(release ? serializeAsset(store, repo, release, asset, req.baseUrl) : {});
    },
  ),
];
