// An exclusive lock file: one save, resume or restore at a time per folder
// (two runs into one folder corrupt each other's temporary files or create
// duplicates). The file names its holder — pid, host, command, start time —
// for the refusal message. A lock left by a process that no longer runs on
// this host (a crash, a kill) is taken over; one from another host is not
// (its process cannot be checked from here).
import { closeSync, constants, openSync, writeFileSync } from "node:fs";
import { readFile, unlink } from "node:fs/promises";
import { hostname } from "node:os";

export interface LockHolder {
  pid: number;
  host: string;
  command: string;
  started_at: string;
}

export class LockedError extends Error {
  constructor(
    message: string,
    readonly holder: LockHolder | null,
  ) {
    super(message);
    this.name = "LockedError";
  }
}

export interface LockFile {
  path: string;
  release(): Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const value = JSON.parse(await readFile(path, "utf8")) as Partial<LockHolder>;
    if (typeof value.pid !== "number" || typeof value.host !== "string") return null;
    return {
      pid: value.pid,
      host: value.host,
      command: String(value.command ?? "?"),
      started_at: String(value.started_at ?? "?"),
    };
  } catch {
    return null;
  }
}

function describe(holder: LockHolder): string {
  return `pid ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.started_at})`;
}

/**
 * Synchronous: a save takes its lock while answers are already arriving, and
 * each step of an asynchronous write would wait behind their handling.
 */
function create(path: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o600,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    writeFileSync(fd, `${JSON.stringify(holder)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Takes the lock at `path` for `command`, or throws LockedError naming the
 * holder. `what` names the locked thing in the message ("folder X").
 */
export async function acquireLock(path: string, what: string, command: string): Promise<LockFile> {
  const me: LockHolder = {
    pid: process.pid,
    host: hostname(),
    command,
    started_at: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    if (create(path, me)) {
      let released = false;
      return {
        path,
        release: async () => {
          if (released) return;
          released = true;
          await unlink(path).catch(() => {});
        },
      };
    }
    const holder = await readHolder(path);
    const stale = holder !== null && holder.host === me.host && !isRunning(holder.pid);
    if (!stale || attempt > 0) {
      throw new LockedError(
        holder
          ? `${what} is in use by ${describe(holder)}; wait for it to finish${holder.host === me.host ? "" : `, or remove ${path} if that run is gone`}`
          : `${what} is locked by ${path}, which names no holder; remove it if no other run uses the folder`,
        holder,
      );
    }
    // The holder is gone (a crash or a kill on this host): take the lock over.
    await unlink(path).catch(() => {});
  }
  throw new LockedError(`${what} is locked by ${path}`, null);
}
