// Saves the files that saved bodies link on GitHub's attachment hosts. The
// job runs after the types whose files hold bodies, reads those files, and
// downloads each distinct link once. Files are stored once per content, as
// attachments/<sha256>/<safe name>; when several links give the same bytes,
// the name comes from the first link in URL order, so the folder is the same
// on every run. A link that answers 404 is recorded as not_found.
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import PQueue from "p-queue";
import { fsyncDir } from "../../backup/atomic.js";
import { safeFileName } from "../../backup/safe-name.js";
import type { FileSummary } from "../../backup/sorted-jsonl-writer.js";
import { DOWNLOAD_CONCURRENCY } from "../../github/storage-download.js";
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver, SaveContext } from "../types.js";
import { bodiesOf } from "./body-files.js";
import { type Download, downloadAttachment } from "./download.js";
import { type KeptDownload, keptDownloads, tidyAttachments } from "./incremental.js";
import { attachmentLinks, mayHoldAttachment, suggestedName } from "./links.js";
import {
  ATTACHMENTS_DIR,
  ATTACHMENTS_FILE,
  type AttachmentRecord,
  type AttachmentReference,
  attachmentSortKey,
} from "./record.js";

/** Downloads in flight at once (each also waits for a slot of the web host or of storage). */
const DOWNLOADS_AT_ONCE = DOWNLOAD_CONCURRENCY;

/** Every attachment link of the selected types' saved bodies, with the records that link it. */
async function collectLinks(ctx: SaveContext): Promise<Map<string, AttachmentReference[]>> {
  const links = new Map<string, AttachmentReference[]>();
  const BODY_FILES = ctx.bodyFiles;
  if (!BODY_FILES.some((file) => ctx.selection.entities.has(file.entity))) {
    ctx.log.warn(
      `attachments: none of the types whose bodies link them is selected (${[...new Set(BODY_FILES.map((f) => f.entity))].join(", ")}); nothing to save`,
    );
  }
  // The files are read side by side; the map is only added to (its order does not matter: URLs are sorted).
  await Promise.all(
    BODY_FILES.filter((file) => ctx.selection.entities.has(file.entity)).map(async (file) => {
      for await (const { id, body } of bodiesOf(ctx.outDir, file, mayHoldAttachment)) {
        for (const { url } of attachmentLinks(body, ctx.client.web.origin)) {
          const refs = links.get(url) ?? [];
          if (!refs.some((r) => r.type === file.type && r.id === id)) refs.push({ type: file.type, id });
          links.set(url, refs);
        }
      }
    }),
  );
  return links;
}

function byTypeThenId(a: AttachmentReference, b: AttachmentReference): number {
  return a.type < b.type ? -1 : a.type > b.type ? 1 : a.id - b.id;
}

/**
 * Moves each distinct content to attachments/<sha256>/<name>, named after the
 * first link (in URL order) that gave it; the other copies are removed.
 */
async function place(
  ctx: SaveContext,
  urls: readonly string[],
  downloads: ReadonlyMap<string, Download | KeptDownload>,
): Promise<Map<string, string>> {
  const first = new Map<string, { url: string; tempPath: string; contentType: string | null }>();
  const extra: string[] = [];
  for (const url of urls) {
    const download = downloads.get(url);
    if (download?.status !== "saved") continue;
    // A file kept from the previous save may be another link's too: tidyAttachments removes what is left over.
    if (first.has(download.sha256)) {
      if (!("kept" in download)) extra.push(download.tempPath);
    } else first.set(download.sha256, { url, ...download });
  }
  await Promise.all(extra.map((tempPath) => rm(tempPath, { force: true })));
  const pathOf = new Map<string, string>();
  await Promise.all(
    [...first].map(async ([sha256, { url, tempPath, contentType }]) => {
      // The name comes from the server: untrusted, made safe and kept inside the folder.
      const path = `${ATTACHMENTS_DIR}/${sha256}/${safeFileName(suggestedName(url, contentType))}`;
      const folder = join(ctx.outDir, ATTACHMENTS_DIR, sha256);
      await mkdir(folder, { recursive: true });
      await rename(tempPath, join(ctx.outDir, path));
      await fsyncDir(folder);
      pathOf.set(sha256, path);
    }),
  );
  await fsyncDir(join(ctx.outDir, ATTACHMENTS_DIR));
  return pathOf;
}

export const attachmentsSaver: EntitySaver = {
  name: "attachments",
  // The bodies are read from the files the body types write (saversFor adds them as dependencies).
  dependsOn: [],
  readsBodies: true,
  readsDependencyFiles: true,
  async save(ctx) {
    // The folder is claimed, and this job alone writes under attachments/: start it afresh,
    // or, in an incremental save, from the previous save's files that are still intact.
    await ctx.repository;
    if (ctx.incremental === undefined)
      await rm(join(ctx.outDir, ATTACHMENTS_DIR), { recursive: true, force: true });
    const kept = await keptDownloads(ctx);
    const links = await collectLinks(ctx);
    const urls = [...links.keys()].sort();
    ctx.progress({ items: 0, total: urls.length });
    const downloads = new Map<string, Download | KeptDownload>();
    const queue = new PQueue({ concurrency: DOWNLOADS_AT_ONCE });
    let done = 0;
    try {
      await Promise.all(
        urls.map((url) =>
          queue.add(async () => {
            downloads.set(url, kept.get(url) ?? (await downloadAttachment(ctx, url)));
            ctx.progress({ items: ++done, total: urls.length });
          }),
        ),
      );
    } catch (error) {
      queue.clear();
      await queue.onIdle();
      for (const d of downloads.values())
        if (d.status === "saved" && !("kept" in d)) await rm(d.tempPath, { force: true });
      throw error;
    }
    const pathOf = await place(ctx, urls, downloads);
    const files: FileSummary[] = [];
    const result = await writeRecords<AttachmentRecord>(
      ctx,
      ATTACHMENTS_FILE,
      attachmentSortKey,
      async (add) => {
        for (const url of urls) {
          const d = downloads.get(url);
          const referenced_by = (links.get(url) ?? []).sort(byTypeThenId);
          if (d?.status === "saved") {
            await add({
              url,
              status: "saved",
              path: pathOf.get(d.sha256) ?? null,
              sha256: d.sha256,
              size: d.size,
              content_type: d.contentType,
              referenced_by,
            });
          } else {
            await add({
              url,
              status: d?.status ?? "not_found",
              path: null,
              sha256: null,
              size: null,
              content_type: null,
              referenced_by,
            });
          }
        }
      },
    );
    for (const d of new Set([...downloads.values()].flatMap((x) => (x.status === "saved" ? [x] : [])))) {
      const path = pathOf.get(d.sha256);
      if (path && !files.some((f) => f.file === path))
        files.push({ file: path, records: 1, bytes: d.size, sha256: d.sha256 });
    }
    const missing = [...downloads.values()].filter((d) => d.status !== "saved").length;
    if (missing > 0)
      ctx.log.info(`${missing} attachment link(s) gave no file (see status in ${ATTACHMENTS_FILE})`);
    files.sort((a, b) => (a.file < b.file ? -1 : 1));
    if (ctx.incremental !== undefined) await tidyAttachments(ctx.outDir, new Set(files.map((f) => f.file)));
    return { records: result.records, files: [...result.files, ...files] };
  },
};
