// The use case's side of `save --incremental`: the save a run builds on (a
// new incremental save, or a resumed one), and what it adds to the manifest.
import { join } from "node:path";
import type { Manifest } from "../backup/manifest.js";
import { PREVIOUS_DIR } from "../backup/save-state.js";
import { RECORD_FILES } from "../entities/index.js";
import { IncrementalSource } from "../entities/shared/incremental.js";
import type { SaveSelection } from "../entities/types.js";
import { incrementalManifest, recordChanges } from "./incremental-changes.js";
import { previousManifest } from "./incremental-folder.js";
import type { FolderPlan } from "./output-folder.js";

export interface IncrementalBase {
  previous: Manifest;
  source: IncrementalSource;
  selection: SaveSelection;
}

export async function incrementalBase(
  request: { outDir: string; selection: SaveSelection },
  folder: FolderPlan,
  /** Settles once the folder is claimed (and the previous files set aside). */
  claimed: Promise<unknown>,
): Promise<IncrementalBase | null> {
  let previous: Manifest | null = folder.building ?? null;
  if (previous === null && folder.resuming?.incremental) previous = await previousManifest(request.outDir);
  if (previous === null) return null;
  const dir = join(request.outDir, PREVIOUS_DIR);
  return {
    previous,
    source: new IncrementalSource(dir, previous.started_at, request.selection, claimed),
    selection: request.selection,
  };
}

/** Counts the changes, writes the history files and adds both to the manifest. */
export async function addIncremental(
  manifest: Manifest,
  base: IncrementalBase,
  outDir: string,
  startedAt: string,
): Promise<void> {
  const files = RECORD_FILES.filter(
    (spec) => base.selection.entities.has(spec.entity as never) && manifest.files[spec.file] !== undefined,
  );
  const recorded = await recordChanges(outDir, base.source.dir, files, startedAt);
  const added = incrementalManifest(base.previous, startedAt, base.source.since, recorded);
  manifest.incremental = added.incremental;
  Object.assign(manifest.files, added.files);
}
