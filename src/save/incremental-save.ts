// The use case's side of `save --incremental`: the save a run builds on (a
// new incremental save, or a resumed one), and what it adds to the manifest.
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Manifest, ManifestConditional } from "../backup/manifest.js";
import { PREVIOUS_DIR } from "../backup/save-state.js";
import { JOB_ENTITIES, RECORD_FILES } from "../entities/index.js";
import { IncrementalSource } from "../entities/shared/incremental.js";
import type { SaveSelection } from "../entities/types.js";
import type { RunResult } from "../orchestrator/types.js";
import { type EtagRecorder, unchangedSince } from "./conditional-requests.js";
import { HISTORY_DIR, incrementalManifest, recordChanges } from "./incremental-changes.js";
import { previousManifest } from "./incremental-folder.js";
import type { FolderPlan } from "./output-folder.js";
import type { SaveJobOutput } from "./save-jobs.js";

export interface IncrementalBase {
  previous: Manifest;
  source: IncrementalSource;
  selection: SaveSelection;
}

export async function incrementalBase(
  request: { outDir: string; selection: SaveSelection; verifyFull?: boolean },
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
    source: new IncrementalSource(request.outDir, dir, previous, request.selection, claimed, {
      verifyFull: request.verifyFull ?? false,
      unchangedSince,
    }),
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
  // Files inside folders that this save no longer lists (a deleted release's assets) go, as a fresh save would not have them.
  for (const rel of Object.keys(base.previous.files)) {
    if (!rel.includes("/") || rel.endsWith("/") || rel.startsWith(`${HISTORY_DIR}/`)) continue;
    if (manifest.files[rel] === undefined) await rm(join(outDir, rel), { force: true });
  }
  const same = (file: string) => {
    const now = manifest.files[file];
    const before = base.previous.files[file];
    return (
      now !== undefined && before !== undefined && now.sha256 === before.sha256 && now.bytes === before.bytes
    );
  };
  const recorded = await recordChanges(outDir, base.source.dir, files, startedAt, same);
  const added = incrementalManifest(base.previous, startedAt, base.source.since, recorded);
  manifest.incremental = added.incremental;
  const findings = await base.source.findings();
  if (findings !== undefined) manifest.incremental.verify_full = findings;
  Object.assign(manifest.files, added.files);
}

/**
 * The ETags the next incremental save may check, for the types it has no
 * cheaper way to check: recorded in this run, or handed on from the previous
 * save for a job whose every request answered 304.
 */
export function conditionalEntries(
  run: RunResult<SaveJobOutput>,
  etags: EtagRecorder,
  unchanged: ReadonlySet<string>,
  previous: Manifest | undefined,
): ManifestConditional | undefined {
  const out: ManifestConditional = {};
  for (const result of run.results) {
    const entity = JOB_ENTITIES.find((e) => e.name === result.name);
    if (entity === undefined || entity.incremental !== undefined || result.status !== "succeeded") continue;
    if (result.output?.skipped !== undefined) continue;
    const carried = unchanged.has(result.name) ? previous?.conditional?.[result.name] : undefined;
    const entry =
      carried ??
      etags.entry(
        result.name,
        (result.output?.files ?? []).map((f) => f.file),
      );
    if (entry) out[result.name] = entry;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
