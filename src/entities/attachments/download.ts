// Downloads one attachment into a temporary file of the backup folder. The
// link is asked on its host (with the token only on GitHub's web host, see
// src/github/web-host.ts); a redirect to signed storage is followed at once,
// without the token, and a storage answer that refuses the URL (expired or
// invalid signature) asks the link again for a fresh one. Sizes are capped.
import { createHash } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import { join } from "node:path";
import { tempPathFor } from "../../backup/atomic.js";
import { discardBody } from "../../github/capped-body.js";
import { StorageDownloadError } from "../../github/storage-download.js";
import type { SaveContext } from "../types.js";
import { ATTACHMENTS_DIR, type AttachmentStatus } from "./record.js";

/** The largest attachment kept: GitHub's own limit is 100 MB (videos on paid plans), 25 MB for other files. */
export const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;
const ATTEMPTS = 3;

export type Download =
  | { status: "saved"; tempPath: string; size: number; sha256: string; contentType: string | null }
  | { status: Exclude<AttachmentStatus, "saved"> };

class TooLarge extends Error {}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g;

/** The content type as a plain, bounded string (it comes from the server). */
function contentTypeOf(headers: { get(name: string): string | null }): string | null {
  const value = headers.get("content-type")?.replace(CONTROL, "").trim();
  return value ? value.slice(0, 255) : null;
}

/** Streams `body` into a new temporary file under attachments/, hashing it; throws TooLarge past the cap. */
async function intoTempFile(
  outDir: string,
  body: AsyncIterable<Uint8Array>,
  announced: number,
): Promise<{ tempPath: string; size: number; sha256: string }> {
  if (Number.isFinite(announced) && announced > MAX_ATTACHMENT_BYTES) throw new TooLarge();
  const folder = join(outDir, ATTACHMENTS_DIR);
  await mkdir(folder, { recursive: true });
  // A temporary name (`….tmp-<hex>`): a killed save's leftovers are swept on resume.
  const tempPath = tempPathFor(join(folder, "download"));
  const handle = await open(tempPath, "wx");
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of body) {
      size += chunk.byteLength;
      if (size > MAX_ATTACHMENT_BYTES) throw new TooLarge();
      hash.update(chunk);
      let offset = 0;
      while (offset < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, offset, chunk.byteLength - offset);
        offset += bytesWritten;
      }
    }
    await handle.sync();
    await handle.close();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(tempPath, { force: true });
    throw error;
  }
  return { tempPath, size, sha256: hash.digest("hex") };
}

async function once(ctx: SaveContext, url: string): Promise<Download> {
  const response = await ctx.client.web.get(url, ctx.signal);
  const { status } = response;
  if (status === 404 || status === 410) {
    if (response.body !== null) await discardBody(response.body);
    return { status: "not_found" };
  }
  if (status === 401 || status === 403) {
    if (response.body !== null) await discardBody(response.body);
    return { status: "forbidden" };
  }
  if (status >= 300 && status < 400) {
    if (response.body !== null) await discardBody(response.body);
    const location = response.headers.get("location");
    if (location === null) throw new Error(`${status} without a location`);
    // Signed storage: no token, fetched now while the signature is fresh.
    return ctx.client.storage.download(new URL(location, url).href, ctx.signal, async (body, headers) => ({
      status: "saved" as const,
      contentType: contentTypeOf(headers),
      ...(await intoTempFile(ctx.outDir, body, Number(headers.get("content-length") ?? Number.NaN))),
    }));
  }
  if (status !== 200 || response.body === null) {
    if (response.body !== null) await discardBody(response.body);
    throw new Error(`answered ${status}`);
  }
  return {
    status: "saved",
    contentType: contentTypeOf(response.headers),
    ...(await intoTempFile(
      ctx.outDir,
      response.body as unknown as AsyncIterable<Uint8Array>,
      Number(response.headers.get("content-length") ?? Number.NaN),
    )),
  };
}

/** Downloads `url`; a failure that persists after a few attempts throws (without the URL's query, which may be a credential). */
export async function downloadAttachment(ctx: SaveContext, url: string): Promise<Download> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await once(ctx, url);
    } catch (error) {
      if (error instanceof TooLarge) return { status: "too_large" };
      if (attempt >= ATTEMPTS || ctx.signal.aborted) {
        const detail = error instanceof Error ? error.message : String(error);
        const where = new URL(url);
        throw new Error(`attachment ${where.origin}${where.pathname}: ${detail}`);
      }
      const expired = error instanceof StorageDownloadError;
      ctx.log.debug(
        expired ? "attachment storage refused; asking the link again" : "attachment download failed",
        {
          attempt,
        },
      );
    }
  }
}
