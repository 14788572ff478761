// Scratch directories (the push repositories restore makes in the temp
// folder): removed by their own run, and by a later run when the run that made
// them was killed.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MIRROR_SCRATCH_PREFIX, openMirrorView } from "../../src/backup/git-mirror.js";
import { makeScratchDir, removeScratchDir, sweepStaleScratchDirs } from "../../src/util/scratch-dir.js";

const root = mkdtempSync(join(tmpdir(), "gd-scratch-test-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], {
    encoding: "utf8",
  });
  return Number(child.stdout);
}

describe("scratch directories", () => {
  it("sweeps those of processes that are gone and old ones without a process id, keeping the rest", async () => {
    const prefix = "gd-test-push-";
    const dead = join(root, `${prefix}${deadPid()}-aaaaaa`);
    const mine = join(root, `${prefix}${process.pid}-bbbbbb`);
    const legacyOld = join(root, `${prefix}cccccc`);
    const legacyNew = join(root, `${prefix}dddddd`);
    const other = join(root, "something-else");
    for (const dir of [dead, mine, legacyOld, legacyNew, other])
      mkdirSync(join(dir, "objects"), { recursive: true });
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(legacyOld, twoHoursAgo, twoHoursAgo);

    const removed = await sweepStaleScratchDirs(prefix, root);
    expect(removed.sort()).toEqual([dead, legacyOld].sort());
    expect([dead, mine, legacyOld, legacyNew, other].map(existsSync)).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
  });

  it("names a new one after this process and removes it on request", async () => {
    const dir = await makeScratchDir("gd-test-own-");
    expect(dir).toContain(`gd-test-own-${process.pid}-`);
    expect(existsSync(dir)).toBe(true);
    await removeScratchDir(dir);
    expect(existsSync(dir)).toBe(false);
  });

  it("names the mirror's scratch repository (reads and pushes) so a later run sweeps it", async () => {
    const mirror = join(root, "git-repo");
    expect(spawnSync("git", ["init", "--bare", "--quiet", mirror]).status).toBe(0);
    const view = await openMirrorView(mirror);
    expect(view.gitDir).toContain(`${MIRROR_SCRATCH_PREFIX}${process.pid}-`);
    await view.close();
    expect(existsSync(view.gitDir)).toBe(false);
  });
});
