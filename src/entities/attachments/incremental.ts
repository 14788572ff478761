// What an incremental save keeps of the previous save's attachments. An
// attachment link names one upload for good (GitHub's attachment URLs carry
// an id of their own), so a link the previous save downloaded is not asked
// again: its file is kept when it is still there, at the path the previous
// record gives, with the size and SHA-256 the previous manifest lists and
// the record names. A link that gave no file (404, 403, too large) is asked
// again, as a fresh save would. Files no longer linked are removed at the
// end (tidy), so the folder holds exactly what a fresh full save writes.
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { safeFileName } from "../../backup/safe-name.js";
import type { SaveContext } from "../types.js";
import type { Download } from "./download.js";
import { ATTACHMENTS_DIR, ATTACHMENTS_FILE } from "./record.js";

const SHA256 = /^[0-9a-f]{64}$/;

/** A previous download, verified, in the shape of a new one (`tempPath` is where the file is now). */
export type KeptDownload = Extract<Download, { status: "saved" }> & { kept: true };

/** The previous save's downloads still on disk and intact, by URL. */
export async function keptDownloads(ctx: SaveContext): Promise<Map<string, KeptDownload>> {
  const kept = new Map<string, KeptDownload>();
  const source = ctx.incremental;
  if (source === undefined) return kept;
  for await (const r of source.records(ATTACHMENTS_FILE)) {
    const { url, status, path, sha256, size, content_type } = r;
    if (status !== "saved" || typeof url !== "string" || typeof path !== "string") continue;
    if (typeof sha256 !== "string" || !SHA256.test(sha256) || typeof size !== "number") continue;
    // Untrusted: only a path of the store's own shape is read.
    const name = path.slice(`${ATTACHMENTS_DIR}/${sha256}/`.length);
    if (path !== `${ATTACHMENTS_DIR}/${sha256}/${name}` || name === "" || safeFileName(name) !== name)
      continue;
    const file = await source.keptFile(path, size);
    if (file === null || file.sha256 !== sha256) continue;
    kept.set(url, {
      status: "saved",
      kept: true,
      tempPath: join(ctx.outDir, path),
      size,
      sha256,
      contentType: typeof content_type === "string" ? content_type : null,
    });
  }
  return kept;
}

/** Removes everything under attachments/ but `paths` (relative to the backup folder). */
export async function tidyAttachments(outDir: string, paths: ReadonlySet<string>): Promise<void> {
  const root = join(outDir, ATTACHMENTS_DIR);
  const folders = new Set([...paths].map((p) => p.split("/")[1]));
  for (const entry of await readdir(root, { withFileTypes: true }).catch(() => [])) {
    const here = join(root, entry.name);
    if (!entry.isDirectory() || !folders.has(entry.name)) {
      await rm(here, { recursive: true, force: true });
      continue;
    }
    for (const inner of await readdir(here)) {
      if (!paths.has(`${ATTACHMENTS_DIR}/${entry.name}/${inner}`))
        await rm(join(here, inner), { recursive: true, force: true });
    }
  }
}
