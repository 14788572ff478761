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
