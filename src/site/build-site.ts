// `github-data site DIR --out SITE`: a static site of a backup that opens
// from file:// with no server and no network. Checks both folders before
// writing anything, then renders every page into a temporary folder and swaps
// it into place.
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { IssueRecord } from "../entities/issues/record.js";
import type { PullRequestRecord } from "../entities/pull_requests/record.js";
import { CLIENT_SCRIPT } from "./client-script.js";
import { checkBackupFolder, type LoadedBackup, loadBackup } from "./load-backup.js";
import { checkOutFolder, SiteFolder } from "./out-folder.js";
import { renderIndexPage } from "./render-index.js";
import { renderIssuePage } from "./render-issue.js";
import { type ListItem, renderList } from "./render-lists.js";
import { pullState, renderPullPage } from "./render-pull.js";
import { buildSearchShards, type SearchDoc, SHARD_SIZE } from "./search-index.js";
import { siteContext } from "./site-context.js";
import { STYLE } from "./style.js";
import { indexSubIssues } from "./sub-issue-tree.js";

export interface BuildSiteRequest {
  /** The backup folder (read only). */
  dir: string;
  /** The site folder to create or replace. */
  out: string;
  /** Stops the build between batches; the temporary folder is removed and nothing replaced. */
  signal?: AbortSignal;
}

export interface SiteSummary {
  out: string;
  issues: number;
  pulls: number;
  files: number;
}

/** Pages written at once: enough to keep the disk busy, few enough to bound memory. */
const WRITE_BATCH = 64;

function issueItem(issue: IssueRecord, comments: number): ListItem {
  return { ...issue, state: issue.state, comments };
}

function pullItem(pull: PullRequestRecord, comments: number): ListItem {
  return { ...pull, state: pullState(pull).key, comments };
}

function issueDocs(backup: LoadedBackup): SearchDoc[] {
  return backup.issues.map((i) => ({
    id: i.number,
    title: i.title,
    text: [i.body ?? "", ...(backup.issueComments.get(i.number) ?? []).map((c) => c.body)].join("\n"),
  }));
}

function pullDocs(backup: LoadedBackup): SearchDoc[] {
  return backup.pulls.map((p) => ({
    id: p.number,
    title: p.title,
    text: [
      p.body ?? "",
      ...(backup.prComments.get(p.number) ?? []).map((c) => c.body),
      ...(backup.reviews.get(p.number) ?? []).map((r) => r.body ?? ""),
      ...(backup.reviewComments.get(p.number) ?? []).map((c) => c.body),
    ].join("\n"),
  }));
}

async function minisearchBundle(): Promise<string> {
  // The UMD build defines window.MiniSearch; the package's exports do not list it, so find it beside the main entry.
  const main = createRequire(import.meta.url).resolve("minisearch");
  return readFile(join(dirname(main), "..", "umd", "index.js"), "utf8");
}

async function writeAll<T>(
  folder: SiteFolder,
  items: readonly T[],
  file: (item: T) => [string, string],
  signal: AbortSignal | undefined,
): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_BATCH) {
    signal?.throwIfAborted();
    await Promise.all(items.slice(i, i + WRITE_BATCH).map((item) => folder.write(...file(item))));
  }
}

export async function buildSite(request: BuildSiteRequest): Promise<SiteSummary> {
  const kind = await checkOutFolder(request.out, request.dir);
  await checkBackupFolder(request.dir);
  const backup = await loadBackup(request.dir);
  const ctx = siteContext(backup);
  const subs = indexSubIssues(backup.subIssues);
  const folder = await SiteFolder.open(request.out, kind);
  let files = 0;
  try {
    const write = async (rel: string, content: string) => {
      await folder.write(rel, content);
      files += 1;
    };
    await write("index.html", renderIndexPage(ctx));
    await writeAll(
      folder,
      backup.issues,
      (i) => [`issues/${i.number}.html`, renderIssuePage(ctx, i, subs)],
      request.signal,
    );
    await writeAll(
      folder,
      backup.pulls,
      (p) => [`pulls/${p.number}.html`, renderPullPage(ctx, p)],
      request.signal,
    );
    files += backup.issues.length + backup.pulls.length;

    const lists: Array<["issues" | "pulls", ListItem[], SearchDoc[]]> = [
      [
        "issues",
        backup.issues.map((i) => issueItem(i, backup.issueComments.get(i.number)?.length ?? 0)),
        issueDocs(backup),
      ],
      [
        "pulls",
        backup.pulls.map((p) => pullItem(p, backup.prComments.get(p.number)?.length ?? 0)),
        pullDocs(backup),
      ],
    ];
    for (const [listKind, items, docs] of lists) {
      // Newest first, as GitHub lists them.
      items.sort((a, b) => b.number - a.number);
      for (const f of renderList(ctx, listKind, items, Math.ceil(docs.length / SHARD_SIZE)))
        await write(f.path, f.content);
      for (const f of buildSearchShards(listKind, docs)) await write(f.path, f.content);
    }

    await write("assets/site.css", STYLE);
    await write("assets/labels.css", ctx.labels.css());
    await write("assets/site.js", CLIENT_SCRIPT);
    await write("assets/minisearch.js", await minisearchBundle());
    // verify checked that each path stays inside the backup folder; the copy
    // keeps the same relative path under files/ (release assets, then the
    // attachments the bodies link).
    const copies = [
      ...backup.releases.flatMap((r) => r.assets.flatMap((a) => (a.path ? [a.path] : []))),
      ...new Set(backup.attachments.values()),
    ];
    for (const path of copies) {
      const dest = folder.pathOf(`files/${path}`);
      await mkdir(dirname(dest), { recursive: true });
      await copyFile(join(request.dir, path), dest);
      files += 1;
    }
    request.signal?.throwIfAborted();
    await folder.commit();
  } catch (error) {
    await folder.discard();
    throw error;
  }
  return { out: request.out, issues: backup.issues.length, pulls: backup.pulls.length, files };
}
