// The restore journal a run continues from: read only in a dry run, started
// afresh (the old one moved aside) when it describes a target that no longer
// exists.
import type { RepoRef } from "../entities/types.js";
import { PreflightError } from "../save/preflight-error.js";
import { defaultJournalPath, FileJournal, JournalError, MemoryJournal, readJournalFile } from "./journal.js";
import type { RestoreJournal } from "./types.js";

export interface JournalRequest {
  backupDir: string;
  target: RepoRef;
  /** Journal file (default `<backupDir>/.github-data/restore-<owner>-<repo>.jsonl`). */
  statePath?: string | null;
}

export interface OpenedJournal {
  journal: RestoreJournal;
  /** The file behind it, to close at the end; null in a dry run. */
  file: FileJournal | null;
  path: string;
}

export async function openRestoreJournal(
  request: JournalRequest,
  run: { dryRun: boolean; targetMissing: boolean },
  warn: (message: string) => void,
): Promise<OpenedJournal> {
  const path = request.statePath || defaultJournalPath(request.backupDir, request.target);
  let { journal, file } = await openJournal(request, path, run.dryRun);
  if (run.targetMissing && journal.loaded > 0) {
    // The journal describes a repository that no longer exists: start afresh.
    if (file) {
      await file.close();
      const aside = await FileJournal.startOver(path);
      warn(`the target does not exist any more; its old restore journal was moved to ${aside}`);
      ({ journal, file } = await openJournal(request, path, run.dryRun));
    } else journal = new MemoryJournal();
  }
  return { journal, file, path };
}

async function openJournal(
  request: JournalRequest,
  path: string,
  dryRun: boolean,
): Promise<{ journal: RestoreJournal; file: FileJournal | null }> {
  try {
    if (dryRun) {
      const { entries } = await readJournalFile(path);
      return { journal: new MemoryJournal(entries), file: null };
    }
    const file = await FileJournal.open(path);
    return { journal: file, file };
  } catch (error) {
    if (error instanceof JournalError) {
      throw new PreflightError(
        request.statePath ? error.message.replace(/; pass --state.*$/, "") : error.message,
      );
    }
    throw error;
  }
}
