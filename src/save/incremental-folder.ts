// The folder side of `save --incremental`. Before any request, the finished
// save in the folder is checked: the same repository and API, the same
// selection, and every record file as its manifest describes it. Once the
// repository check has passed, the folder is claimed: the previous record
// files are linked (or copied) into .github-data/previous/ with the previous
// manifest, the save state names the save it builds on, and the manifest is
// removed last — from then on the folder is an unfinished save that
// `--resume` continues, reading the same previous files.
import { copyFile, link, mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { hashFile } from "../backup/atomic.js";
import { MANIFEST_FILE, type Manifest, readManifest } from "../backup/manifest.js";
import { PREVIOUS_DIR, updateSaveState } from "../backup/save-state.js";
import { PreflightError } from "../errors.js";
import type { RepoRef } from "../github/repository.js";
import { checkResumeSource } from "./resume-source.js";

/** The previous save's record files, all at the top of the folder (history, assets and the mirror stay where they are). */
export function previousRecordFiles(manifest: Manifest): string[] {
  return Object.keys(manifest.files).filter((rel) => !rel.includes("/"));
}

/** Reads and checks the finished save an incremental save builds on; throws PreflightError. */
export async function checkPreviousSave(
  dir: string,
  repo: RepoRef,
  apiUrl: string | undefined,
  selection: Manifest["selection"],
): Promise<Manifest> {
  let manifest: Manifest;
  try {
    manifest = await readManifest(dir);
  } catch (error) {
    throw new PreflightError(`cannot build on the backup in ${dir}: ${(error as Error).message}`);
  }
  try {
    checkResumeSource(dir, manifest.source, repo, apiUrl);
  } catch {
    const theirs = `${manifest.source.owner}/${manifest.source.repo} (${manifest.source.api_url})`;
    throw new PreflightError(
      `the backup in ${dir} is of ${theirs}, not ${repo.owner}/${repo.repo}; an incremental save builds only on a save of the same repository`,
    );
  }
  if (JSON.stringify(manifest.selection) !== JSON.stringify(selection)) {
    throw new PreflightError(
      `the backup in ${dir} was saved with another selection (${JSON.stringify(manifest.selection)}); save incrementally with the same --include/--exclude, --issues and --pull-requests, or save in full into a new folder`,
    );
  }
  const failed = manifest.jobs.filter((job) => job.status === "failed").map((job) => job.name);
  if (failed.length > 0) {
    throw new PreflightError(
      `the backup in ${dir} has failed jobs (${failed.join(", ")}); continue or redo it before saving incrementally`,
    );
  }
  for (const rel of previousRecordFiles(manifest)) {
    const entry = manifest.files[rel];
    let actual: { bytes: number; sha256: string };
    try {
      actual = await hashFile(join(dir, rel));
    } catch {
      throw new PreflightError(`the backup in ${dir} lacks ${rel}, which its manifest lists; run verify`);
    }
    if (actual.sha256 !== entry?.sha256 || actual.bytes !== entry.bytes) {
      throw new PreflightError(
        `${rel} in ${dir} differs from its manifest; run verify before saving incrementally`,
      );
    }
  }
  return manifest;
}

/** Sets the previous save aside and turns the folder into an unfinished save (see the top of this file). */
export async function claimForIncremental(dir: string, previous: Manifest): Promise<void> {
  const aside = join(dir, PREVIOUS_DIR);
  await rm(aside, { recursive: true, force: true });
  await mkdir(aside, { recursive: true });
  for (const rel of previousRecordFiles(previous)) {
    // The writers replace files by renaming, so a hard link keeps the old bytes at no cost.
    await link(join(dir, rel), join(aside, rel)).catch(() => copyFile(join(dir, rel), join(aside, rel)));
  }
  await copyFile(join(dir, MANIFEST_FILE), join(aside, MANIFEST_FILE));
  await updateSaveState(dir, (state) => {
    state.incremental = { started_at: previous.started_at, finished_at: previous.finished_at };
  });
  await rm(join(dir, MANIFEST_FILE));
}

/** The previous save's manifest, as an incremental save (or its resume) set it aside. */
export function previousManifest(dir: string): Promise<Manifest> {
  return readManifest(join(dir, PREVIOUS_DIR));
}
