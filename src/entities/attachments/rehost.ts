// Where restore re-hosts attachments, and the rewriting of links in restored
// bodies. GitHub has no API to upload an attachment, so the files are
// committed to one dedicated branch of the target (ATTACHMENTS_BRANCH) and
// each link is pointed at the file's raw URL on that branch: anyone who can
// read the repository can open it. The new URL depends only on the target and
// the file's path in the backup, so bodies are rewritten as they are created,
// whichever job pushes the branch first.
import { mapProse } from "../../restore/markdown.js";
import type { TargetRepository } from "../../restore/types.js";
import type { EntityName } from "../names.js";
import { replaceLinks } from "./links.js";
import { ATTACHMENTS_FILE, type AttachmentRecord } from "./record.js";

export const ATTACHMENTS_BRANCH = "github-data/attachments";

/** The raw URL of a backup path (attachments/<sha256>/<name>) on the target's attachments branch. */
export function rehostedUrl(targetWebUrl: string, path: string): string {
  const encoded = path.split("/").map(encodeURIComponent).join("/");
  return `${targetWebUrl.replace(/\/+$/, "")}/raw/refs/heads/${ATTACHMENTS_BRANCH}/${encoded}`;
}

interface BackupReader {
  readRecords<T>(file: string): AsyncIterable<T>;
  hasFile(file: string): Promise<boolean>;
}

/**
 * The rewriting of attachment links for this restore: each saved link → its
 * re-hosted URL, in prose only (code shows links verbatim). Null when
 * attachments are not restored, the backup has none or there is no target yet (a dry run).
 */
export async function attachmentRewriter(
  backup: BackupReader,
  selection: { readonly entities: ReadonlySet<EntityName> },
  target: TargetRepository | null,
): Promise<((text: string) => string) | null> {
  if (!selection.entities.has("attachments") || target === null || !(await backup.hasFile(ATTACHMENTS_FILE)))
    return null;
  const to = new Map<string, string>();
  for await (const record of backup.readRecords<AttachmentRecord>(ATTACHMENTS_FILE)) {
    if (record.status === "saved" && record.path !== null)
      to.set(record.url, rehostedUrl(target.htmlUrl, record.path));
  }
  if (to.size === 0) return null;
  return (text) => mapProse(text, (prose) => replaceLinks(prose, (url) => to.get(url)));
}
