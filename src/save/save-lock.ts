// The lock of a save's output folder (`DIR/.github-data/lock`), taken when the
// folder is claimed and released when the save ends, so two saves or resumes
// never write into one folder at once.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { STATE_DIR } from "../backup/save-state.js";
import { PreflightError } from "../errors.js";
import { acquireLock, LockedError, type LockFile } from "../util/lock-file.js";

export const LOCK_FILE = "lock";

export class SaveFolderLock {
  private held: LockFile | null = null;

  /** Takes the lock (once; a second call while held does nothing). */
  async acquire(dir: string, command: string): Promise<void> {
    if (this.held) return;
    try {
      mkdirSync(join(dir, STATE_DIR), { recursive: true });
      this.held = await acquireLock(join(dir, STATE_DIR, LOCK_FILE), `output folder ${dir}`, command);
    } catch (error) {
      if (error instanceof LockedError) throw new PreflightError(error.message);
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new PreflightError(`cannot write to output folder ${dir}: ${code}`);
    }
  }

  async release(): Promise<void> {
    await this.held?.release();
    this.held = null;
  }
}
