// One line of attachments.jsonl: a file or image a saved body links on one of
// GitHub's attachment hosts (links.ts), and where its bytes are kept.
import type { SortKey } from "../../backup/sort-key.js";

export const ATTACHMENTS_FILE = "attachments.jsonl";
/** Downloaded attachments: attachments/<sha256>/<safe file name>, one file per content. */
export const ATTACHMENTS_DIR = "attachments";

/**
 * What the download gave: the file ("saved"), or why there is none —
 * "not_found" (404 or 410: the file was deleted or the link is wrong),
 * "forbidden" (401 or 403: the token may not read it), "too_large" (over the
 * size limit).
 */
export type AttachmentStatus = "saved" | "not_found" | "forbidden" | "too_large";

/** A saved record that links the file: its journal kind (issue, issue_comment, …) and GitHub id. */
export interface AttachmentReference {
  type: string;
  id: number;
}

export interface AttachmentRecord {
  /** The link exactly as the bodies spell it. */
  url: string;
  status: AttachmentStatus;
  /** The file, relative to the backup folder; null unless saved. */
  path: string | null;
  sha256: string | null;
  size: number | null;
  /** As the server sent it (untrusted); null unless saved. */
  content_type: string | null;
  /** Every saved record whose body links it, sorted by type, then id. */
  referenced_by: AttachmentReference[];
}

export function attachmentSortKey(record: AttachmentRecord): SortKey {
  return [record.url];
}
