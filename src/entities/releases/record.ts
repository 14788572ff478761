// One line of releases.jsonl: a release with its asset list. Asset files sit
// at `path` (relative to the backup folder) when they were downloaded.
import type { ReportedCountsField, Timestamp, UserRef } from "../../backup/record-parts.js";
import type { SortKey } from "../../backup/sort-key.js";

export const RELEASES_FILE = "releases.jsonl";

/** The folder, relative to the backup folder, that holds asset files. */
export const RELEASE_ASSETS_DIR = "release-assets";

export interface ReleaseAssetRecord {
  id: number;
  /** GitHub's original (untrusted) file name. */
  name: string;
  label: string | null;
  content_type: string;
  /** Size in bytes as GitHub reports it. */
  size: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Hex SHA-256 of the downloaded file; null when the file was not downloaded. */
  sha256: string | null;
  /**
   * `release-assets/<release id>/<safe file name>`, relative to the backup
   * folder, always with "/"; null when the file was not downloaded.
   */
  path: string | null;
}

export interface ReleaseRecord {
  id: number;
  node_id: string;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: UserRef | null;
  created_at: Timestamp;
  published_at: Timestamp | null;
  html_url: string;
  /** Sorted by id. */
  assets: ReleaseAssetRecord[];
  /** The asset count GitHub reported (GraphQL), when it was read. */
  reported_counts?: Pick<ReportedCountsField, "assets">;
}

export function releaseSortKey(record: ReleaseRecord): SortKey {
  return [record.id];
}

/** Where an asset file lives, relative to the backup folder. */
export function releaseAssetPath(releaseId: number, safeName: string): string {
  return `${RELEASE_ASSETS_DIR}/${releaseId}/${safeName}`;
}
