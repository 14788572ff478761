// The line an incremental save ends with: what changed since the save it
// built on, per type, in the manifest's counts.
import type { ManifestIncremental } from "../../../backup/manifest.js";

export function changesLine(incremental: ManifestIncremental): string {
  const parts = Object.entries(incremental.changes)
    .filter(([, c]) => c.added + c.changed + c.deleted > 0)
    .map(([name, c]) => `${name} +${c.added} ~${c.changed} -${c.deleted}`);
  const since = `since the save of ${incremental.built_on.started_at}`;
  return parts.length === 0 ? `nothing changed ${since}` : `changed ${since}: ${parts.join(", ")}`;
}

/** What --verify-full found that the incremental checks alone would have missed. */
export function verifyLine(found: NonNullable<ManifestIncremental["verify_full"]>): string {
  const parts = [
    ["issues", found.issues],
    ["pull requests", found.pull_requests],
    ["comment threads", found.comment_threads],
  ] as const;
  const listed = parts
    .filter(([, numbers]) => numbers.length > 0)
    .map(([name, numbers]) => `${name} ${numbers.map((n) => `#${n}`).join(" ")}`);
  return listed.length === 0
    ? "verify-full: the full comparison found nothing the incremental checks missed"
    : `verify-full: read again what the incremental checks missed: ${listed.join("; ")}`;
}
