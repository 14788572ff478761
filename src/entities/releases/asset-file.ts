// The saved file of a release asset, checked before it is uploaded: its path
// (from a backup record, so untrusted) must stay inside the backup folder,
// and its bytes must match the recorded SHA-256.
import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { sha256File } from "../../backup/atomic.js";
import { isInside } from "../../backup/safe-name.js";
import type { ReleaseAssetRecord } from "./record.js";

export type AssetFile =
  | { ok: true; path: string; size: number }
  | { ok: false; problem: string; missing?: boolean };

export async function checkAssetFile(
  backupDir: string,
  asset: Pick<ReleaseAssetRecord, "path" | "sha256">,
): Promise<AssetFile> {
  if (asset.path === null)
    return { ok: false, problem: "its file was not saved in the backup", missing: true };
  if (!isInside(backupDir, asset.path)) {
    return { ok: false, problem: `its path ${JSON.stringify(asset.path)} points outside the backup folder` };
  }
  const path = resolve(backupDir, asset.path);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) return { ok: false, problem: `${asset.path} is not a file` };
    size = info.size;
  } catch {
    return { ok: false, problem: `its file ${asset.path} is missing from the backup` };
  }
  if (asset.sha256 === null)
    return { ok: false, problem: `the backup records no checksum for ${asset.path}` };
  const actual = await sha256File(path);
  if (actual !== asset.sha256.toLowerCase()) {
    return {
      ok: false,
      problem: `${asset.path} does not match its recorded SHA-256 (the file changed since the save)`,
    };
  }
  return { ok: true, path, size };
}
