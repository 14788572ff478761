// The save's output folder: refused when a save must not touch it (read only,
// before any request), claimed once the repository check has passed.
import { mkdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Manifest } from "../backup/manifest.js";
import {
  classifyFolder,
  createSaveStateSync,
  emptySaveState,
  readSaveState,
  type SaveState,
} from "../backup/save-state.js";
import { SCRATCH_DIR } from "../backup/sorted-jsonl-writer.js";
import type { SaveSelection } from "../entities/types.js";
import { PreflightError } from "../errors.js";
import type { RepoRef } from "../github/repository.js";
import { selectionToString } from "../selection/number-spec.js";
import type { Logger } from "../util/logger.js";
import { checkPreviousSave, claimForIncremental } from "./incremental-folder.js";
import { removeLeftoverTempFiles } from "./leftovers.js";
import { checkResumeSource } from "./resume-source.js";

export interface FolderRequest {
  outDir: string;
  /** Build on the finished save in `outDir` (save --incremental). */
  incremental?: boolean;
  /** Continue an unfinished save in `outDir`. */
  resume?: boolean;
  selection: SaveSelection;
  /** The repository and API the save reads: a resumed folder must hold the same source. */
  repo: RepoRef;
  apiUrl?: string | undefined;
}

export interface FolderPlan {
  /** The unfinished save being resumed, if any. */
  resuming: SaveState | null;
  /** The finished save an incremental save builds on, before the folder is claimed. */
  building?: Manifest;
}

/** The selection as the manifest and the save state record it. */
export function selectionRecord(selection: SaveSelection): Manifest["selection"] {
  return {
    include: [...selection.entities],
    issues: selectionToString(selection.issues),
    pull_requests: selectionToString(selection.pullRequests),
  };
}

/** Refuses folders a save must not touch, reading only; finds the unfinished save being resumed. */
export async function inspectFolder(request: FolderRequest, log: Logger): Promise<FolderPlan> {
  const dir = request.outDir;
  const kind = await classifyFolder(dir);
  switch (kind) {
    case "not-a-directory":
      throw new PreflightError(`output path ${dir} is a file, not a folder; choose a folder with --out`);
    case "foreign":
      throw new PreflightError(
        `output folder ${dir} holds files that are not a github-data backup; choose an empty or new folder`,
      );
    case "finished-backup": {
      if (!request.incremental) {
        throw new PreflightError(
          `output folder ${dir} already holds a finished backup; choose a new folder, or add --incremental to bring it up to date`,
        );
      }
      const building = await checkPreviousSave(
        dir,
        request.repo,
        request.apiUrl,
        selectionRecord(request.selection),
      );
      log.info(`saving incrementally on the save of ${building.started_at} in ${dir}`);
      return { resuming: null, building };
    }
    case "unfinished-backup": {
      if (!request.resume) {
        throw new PreflightError(
          `output folder ${dir} holds an unfinished save; rerun with --resume to continue it, or choose another folder`,
        );
      }
      const state = await readSaveState(dir);
      if (state === null)
        throw new PreflightError(
          `the unfinished save in ${dir} has no readable state; choose another folder`,
        );
      const wanted = JSON.stringify(selectionRecord(request.selection));
      if (JSON.stringify(state.selection) !== wanted) {
        throw new PreflightError(
          `the unfinished save in ${dir} used another selection (${JSON.stringify(state.selection)}); resume it with the same options`,
        );
      }
      checkResumeSource(dir, state.source, request.repo, request.apiUrl);
      log.info(`resuming the unfinished save in ${dir}`);
      return { resuming: state };
    }
    default:
      if (request.incremental) log.info(`${dir} holds no earlier save: saving in full`);
      return { resuming: null };
  }
}

/** Makes the folder the save's own: clears a resumed save's scratch, or creates the state. */
export async function claimFolder(
  request: FolderRequest & { repo: RepoRef },
  folder: FolderPlan,
  apiUrl: string,
  log: Logger,
): Promise<void> {
  const dir = request.outDir;
  if (folder.resuming) {
    await rm(join(dir, SCRATCH_DIR), { recursive: true, force: true });
    await removeLeftoverTempFiles(dir);
    return;
  }
  try {
    // Synchronous: answers arrive while the save claims its folder, and each
    // step of an asynchronous write would wait behind them; until the state
    // is written, a killed save cannot be resumed.
    mkdirSync(dir, { recursive: true });
    createSaveStateSync(dir, {
      ...emptySaveState(),
      source: { owner: request.repo.owner, repo: request.repo.repo, api_url: apiUrl },
      selection: selectionRecord(request.selection),
    });
    if (folder.building) await claimForIncremental(dir, folder.building);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    log.debug("cannot claim the output folder", { code });
    throw new PreflightError(`cannot write to output folder ${dir}: ${code ?? (error as Error).message}`);
  }
}
