// Uploads one asset file to a release, to the host the release's
// `upload_url` names (uploads.github.com on github.com), with the asset's
// original name, label and content type; GitHub sanitises names itself.
// The body is a file-backed Blob: never held in memory, and re-readable if
// the request is retried.
import { openAsBlob } from "node:fs";
import type { RestoreContext } from "../../restore/types.js";
import type { ReleaseAssetRecord } from "./record.js";

type Request = (route: string, params: Record<string, unknown>) => Promise<{ data: unknown }>;

export async function uploadAsset(
  ctx: RestoreContext,
  uploadUrl: string,
  asset: ReleaseAssetRecord,
  path: string,
): Promise<number> {
  const contentType = asset.content_type || "application/octet-stream";
  const data = await openAsBlob(path, { type: contentType });
  // The URL is a template such as ".../assets{?name,label}": Octokit expands (and encodes) the query.
  const request = ctx.client.octokit.request as unknown as Request;
  const response = await request(`POST ${uploadUrl}`, {
    name: asset.name,
    ...(asset.label ? { label: asset.label } : {}),
    data,
    headers: { "content-type": contentType },
    request: { signal: ctx.signal },
  });
  const id = (response.data as { id?: unknown }).id;
  return typeof id === "number" ? id : Number(id);
}
