// Scratch directories in the temp folder that must not outlive their run.
// Each name carries the creating process's id: the directory is removed when
// that process exits, and a later run removes those whose process is gone
// (killed before it could clean up). Names without a process id were made by
// older versions; they are removed once an hour old.
import { rmSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const live = new Set<string>();
let exitHookInstalled = false;
const swept = new Set<string>();
const LEGACY_AGE_MS = 3_600_000;

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes `prefix`* directories of `dir` (default: the temp folder) left by processes that no longer run. */
export async function sweepStaleScratchDirs(prefix: string, dir = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const path = join(dir, name);
    const pid = /^(\d+)-/.exec(name.slice(prefix.length))?.[1];
    let stale: boolean;
    if (pid !== undefined) stale = !alive(Number(pid));
    else {
      const info = await stat(path).catch(() => null);
      stale = info !== null && Date.now() - info.mtimeMs > LEGACY_AGE_MS;
    }
    if (!stale) continue;
    await rm(path, { recursive: true, force: true }).catch(() => undefined);
    removed.push(path);
  }
  return removed;
}

/**
 * A new scratch directory `<tmp>/<prefix><pid>-XXXXXX`, removed when the process
 * exits if `removeScratchDir` did not remove it first. The first call per
 * prefix also sweeps stale ones of earlier runs.
 */
export async function makeScratchDir(prefix: string): Promise<string> {
  if (!swept.has(prefix)) {
    swept.add(prefix);
    await sweepStaleScratchDirs(prefix);
  }
  const path = await mkdtemp(join(tmpdir(), `${prefix}${process.pid}-`));
  live.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const p of live) rmSync(p, { recursive: true, force: true });
    });
  }
  return path;
}

export async function removeScratchDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
  live.delete(path);
}
