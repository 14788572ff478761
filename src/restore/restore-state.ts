// Where a restore keeps its journal, and opening it. The journal decides what
// restore treats as already done, so it never lives in the backup folder (which
// may come from anyone): it goes to a per-user state directory, one file per
// target repository id, so a deleted and recreated target with the same name
// starts afresh. An explicit --state file is checked against the target's id.
import { access, constants, mkdir, readdir } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { PreflightError } from "../errors.js";
import type { RepoRef } from "../github/repository.js";
import { acquireLock, LockedError, type LockFile } from "../util/lock-file.js";
import { defaultJournalPath, FileJournal, JournalError, MemoryJournal, readJournalFile } from "./journal.js";
import type { RestoreJournal } from "./types.js";

/** Environment variable naming the state directory (the --state-dir flag wins). */
export const STATE_DIR_ENV = "GITHUB_DATA_STATE_DIR";

/** `$GITHUB_DATA_STATE_DIR`, else `$XDG_STATE_HOME/github-data`, else `~/.local/state/github-data`. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env[STATE_DIR_ENV];
  if (own) return own;
  const xdg = env.XDG_STATE_HOME;
  return join(xdg?.startsWith("/") ? xdg : join(homedir(), ".local", "state"), "github-data");
}

export interface OpenRestoreStateOptions {
  backupDir: string;
  target: RepoRef;
  /** The target's id; null when it does not exist (a dry run of a restore that would create it). */
  targetId: number | null;
  apiUrl: string;
  /** An explicit journal file (--state). */
  statePath?: string | null;
  /** The state directory (--state-dir); default `defaultStateDir()`. */
  stateDir?: string | null;
  dryRun: boolean;
  warn: (message: string) => void;
  /**
   * Creates the missing target (a real run); called once the state folder is
   * known to be writable, so an unusable place stops the restore before it.
   */
  createTarget?: () => Promise<{ id: number }>;
}

export interface RestoreState {
  journal: RestoreJournal;
  /** The target's id (after `createTarget`, the created one's); null in a dry run of a missing target. */
  targetId: number | null;
  /** The file behind the journal (null in a dry run); close it at the end. */
  file: FileJournal | null;
  path: string | null;
}

/** Journals of older versions, kept inside the backup folder: never read again. */
async function warnAboutFolderJournals(backupDir: string, warn: (message: string) => void): Promise<void> {
  const old = join(backupDir, ".github-data");
  try {
    const names = (await readdir(old)).filter((n) => n.startsWith("restore-") && n.endsWith(".jsonl"));
    if (names.length > 0) {
      warn(
        `${join(old, names[0] as string)}: a restore journal inside the backup folder is not read (the folder may come from anyone); what an earlier restore created is found again by its markers`,
      );
    }
  } catch {
    // no such folder
  }
}

function asPreflight(error: unknown, explicit: boolean): never {
  if (error instanceof JournalError) {
    throw new PreflightError(explicit ? error.message.replace(/; pass --state.*$/, "") : error.message);
  }
  throw error;
}

/** One restore at a time per target: the journal's lock file, released when the journal closes. */
async function lockJournal(path: string, command: string): Promise<LockFile> {
  await checkWritable(dirname(path));
  try {
    return await acquireLock(`${path}.lock`, `the restore journal ${path}`, command);
  } catch (error) {
    if (error instanceof LockedError) throw new PreflightError(error.message);
    throw error;
  }
}

function journalPath(options: OpenRestoreStateOptions, targetId: number): string {
  return (
    options.statePath || defaultJournalPath(options.stateDir || defaultStateDir(), options.apiUrl, targetId)
  );
}

/** Makes sure the journal's folder can be written, before a target is created. */
async function checkWritable(folder: string): Promise<void> {
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new JournalError(
      `cannot write the restore journal in ${folder} (${code}); pass --state PATH or --state-dir DIR to keep it in a writable place`,
    );
  }
}

/**
 * Opens the restore journal for the target (read-only in a dry run), creating
 * the target first when asked.
 */
export async function openRestoreState(options: OpenRestoreStateOptions): Promise<RestoreState> {
  await warnAboutFolderJournals(options.backupDir, options.warn);
  const explicit = Boolean(options.statePath);
  let targetId = options.targetId;
  try {
    if (options.createTarget) {
      await checkWritable(dirname(journalPath(options, 0)));
      targetId = (await options.createTarget()).id;
    }
    // Nothing of a target that does not exist can have been restored.
    if (targetId === null) return { journal: new MemoryJournal(), targetId, file: null, path: null };
    const path = journalPath(options, targetId);
    const owner = { targetId, target: `${options.target.owner}/${options.target.repo}` };
    if (options.dryRun) {
      const read = await readJournalFile(path);
      const ours = read.owner?.targetId === owner.targetId;
      return { journal: new MemoryJournal(ours ? read.entries : []), targetId, file: null, path: null };
    }
    const lock = await lockJournal(path, `restore into ${owner.target}`);
    let file: FileJournal;
    try {
      file = await FileJournal.open(path, owner);
    } catch (error) {
      await lock.release();
      throw error;
    }
    if (file.owner?.targetId !== owner.targetId) {
      // Another repository's journal (or one without an owner): never trusted; moved aside.
      await file.close();
      const aside = await FileJournal.startOver(path);
      options.warn(
        `the restore journal ${path} belongs to ${file.owner ? `repository id ${file.owner.targetId}` : "no known repository"}, not ${owner.target} (id ${owner.targetId}); it was moved to ${aside}`,
      );
      file = await FileJournal.open(path, owner).catch(async (error: unknown) => {
        await lock.release();
        throw error;
      });
    }
    file.holdLock(lock);
    return { journal: file, targetId, file, path };
  } catch (error) {
    return asPreflight(error, explicit);
  }
}
