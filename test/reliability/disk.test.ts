// Disk problems in the middle of a save, with the real command line and real
// failing writes (no test seam): the disk "fills up" through a file-size limit
// (`ulimit -f`: a write past it fails with EFBIG, as a full disk fails with
// ENOSPC), and the output folder becomes read-only at a chosen request. Either
// way: a clear error, exit 1 or 2, and no half-written file under a final name.
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { STATE_DIR, saveStatePath } from "../../src/backup/save-state.js";
import { baseEnv, type CountingProxy, runCli, startCountingProxy } from "./cli-harness.js";
import { assertWholeJsonl, listFiles, OWNER, REPO, removeTempRoots, tempDir } from "./helpers.js";

/** 512-byte blocks: small files fit, the larger JSONL files and journal entries do not. */
const FILE_SIZE_LIMIT_BLOCKS = 160;
/** Root ignores permissions, so the read-only case runs the CLI as this user when the suite runs as root. */
const NOBODY = 65_534;

interface Manifest {
  jobs: Array<{ name: string; status: string }>;
  files: Record<string, unknown>;
}

function readManifest(dir: string): Manifest | null {
  const path = join(dir, "manifest.json");
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Manifest) : null;
}

/** Temporary names (`<name>.tmp-<hex>`) left anywhere but the scratch folders. */
function strayTempFiles(dir: string): string[] {
  return listFiles(dir).filter((f) => /\.tmp-[0-9a-f]{12}(\/|$)/.test(f) && !f.startsWith(`${STATE_DIR}/`));
}

function errorLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /error/i.test(line));
}

describe("disk problems mid-run", () => {
  let fake: FakeGitHub;
  let proxy: CountingProxy;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "medium", seed: 3, git: true });
    proxy = await startCountingProxy(fake.url);
    env = baseEnv({ GITHUB_TOKEN: fake.token, GITHUB_API_URL: proxy.url, HOME: "/tmp" });
  });
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
    removeTempRoots();
  });

  it("a full disk (writes failing with EFBIG) fails the jobs that could not write, cleanly", async () => {
    const dir = join(tempDir(), "backup");
    proxy.reset();
    // An ignored SIGXFSZ is inherited by node and git: the write fails instead of killing them.
    const run = await runCli(["save", `${OWNER}/${REPO}`, "--out", dir], {
      env,
      shell: `trap '' XFSZ; ulimit -f ${FILE_SIZE_LIMIT_BLOCKS}`,
    });
    expect(run.stderr).not.toContain(fake.token);
    expect([1, 2]).toContain(run.code);
    expect(run.stderr).toContain("cannot write to the backup folder");
    expect(run.stderr).toContain("(EFBIG)");
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(assertWholeJsonl(dir)).toEqual([]);
    expect(strayTempFiles(dir)).toEqual([]);
    // A job that failed has no file under its final name; the manifest says which failed.
    const manifest = readManifest(dir);
    if (manifest !== null) {
      const failed = manifest.jobs.filter((j) => j.status === "failed").map((j) => j.name);
      expect(failed.length).toBeGreaterThan(0);
      for (const name of failed) {
        if (name !== "git_repo" && name !== "releases")
          expect(existsSync(join(dir, `${name}.jsonl`))).toBe(false);
      }
      for (const file of Object.keys(manifest.files)) expect(existsSync(join(dir, file))).toBe(true);
    }
  });

  it("an output folder that becomes read-only mid-run gives a clear error and no half-written file", async () => {
    const root = tempDir();
    const dir = join(root, "backup");
    const asRoot = process.getuid?.() === 0;
    if (asRoot) chownSync(root, NOBODY, NOBODY);
    const lockAt = 30;
    let locked = false;
    proxy.reset((n) => {
      // Mid-run: past the first requests, and once the folder is claimed (its
      // state file written); jobs read ahead while the claim is under way.
      if (!locked && n >= lockAt && existsSync(saveStatePath(dir))) {
        locked = true;
        // The folder and the state folder inside it: nothing new can be created there.
        for (const path of [dir, join(dir, STATE_DIR)]) if (existsSync(path)) chmodSync(path, 0o555);
      }
      return "forward";
    });
    const run = await runCli(
      ["save", `${OWNER}/${REPO}`, "--out", dir, "--exclude", "git_repo,wiki,lfs_objects"],
      {
        env,
        ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      },
    );
    for (const path of [dir, join(dir, STATE_DIR)]) if (existsSync(path)) chmodSync(path, 0o755);
    expect(locked).toBe(true);
    expect(proxy.count).toBeGreaterThan(lockAt);
    expect(run.stderr).not.toContain(fake.token);
    expect([1, 2]).toContain(run.code);
    const errors = errorLines(run.stderr);
    expect(errors.length).toBeGreaterThan(0);
    expect(run.stderr).toContain("permission denied (EACCES)");
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(assertWholeJsonl(dir)).toEqual([]);
    // (Temporary files may stay behind: a read-only folder does not let them be removed either.
    // They are never under a final name, and --resume below sweeps them.)
    // Nothing could be finished after the lock, so there is no manifest claiming a complete backup.
    expect(existsSync(join(dir, "manifest.json"))).toBe(false);
    expect(readdirSync(dir).length).toBeGreaterThan(0);

    // As the message says: once the folder is writable again, --resume finishes the save.
    const resumed = await runCli(
      ["save", `${OWNER}/${REPO}`, "--out", dir, "--exclude", "git_repo,wiki,lfs_objects", "--resume"],
      {
        env,
        ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
      },
    );
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(readManifest(dir)?.jobs.every((j) => j.status === "succeeded")).toBe(true);
    expect(strayTempFiles(dir)).toEqual([]);
  });
});
