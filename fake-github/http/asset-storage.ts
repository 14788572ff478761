// Release asset bytes behind signed, unauthenticated URLs, like the
// objects.githubusercontent.com redirect GitHub answers an octet-stream
// download with. The signature proves the URL came from this server.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { FakeAsset, FakeRelease, FakeRepo, FakeStore } from "../store/types.js";
import type { FakeResponse } from "./types.js";

export const storagePrefix = "/_storage/assets/";

export class AssetSigner {
  private readonly secret = randomBytes(32);

  private sign(assetId: number): string {
    return createHmac("sha256", this.secret).update(String(assetId)).digest("base64url");
  }

  /** Absolute URL serving the asset's bytes without credentials. */
  url(origin: string, assetId: number): string {
    return `${origin}${storagePrefix}${assetId}?sig=${this.sign(assetId)}`;
  }

  verify(assetId: number, signature: string): boolean {
    const expected = Buffer.from(this.sign(assetId));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

export interface AssetLocation {
  repo: FakeRepo;
  release: FakeRelease;
  asset: FakeAsset;
}

/** Finds an asset by id in any repository. */
export function findAsset(store: FakeStore, assetId: number): AssetLocation | undefined {
  for (const repo of store.repos.values()) {
    for (const release of repo.releases) {
      for (const asset of release.assets) if (asset.id === assetId) return { repo, release, asset };
    }
  }
  return undefined;
}

/** GET /_storage/assets/<id>?sig=...: the bytes, or 403/404 in the storage service's plain style. */
export function serveStoredAsset(
  store: FakeStore,
  signer: AssetSigner,
  path: string,
  query: URLSearchParams,
): FakeResponse {
  const idText = path.slice(storagePrefix.length);
  const assetId = /^\d+$/.test(idText) ? Number(idText) : Number.NaN;
  if (!Number.isSafeInteger(assetId) || !signer.verify(assetId, query.get("sig") ?? ""))
    return {
      status: 403,
      headers: { "content-type": "text/plain" },
      body: Buffer.from("Signature mismatch\n"),
    };
  const found = findAsset(store, assetId);
  if (!found)
    return { status: 404, headers: { "content-type": "text/plain" }, body: Buffer.from("Not Found\n") };
  found.asset.download_count += 1;
  return {
    status: 200,
    headers: {
      "content-type": "application/octet-stream",
      "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(found.asset.name)}`,
    },
    body: found.asset.data,
  };
}
