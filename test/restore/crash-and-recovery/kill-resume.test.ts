// A restore process killed outright (SIGKILL) at seeded points, then run
// again: the copy must equal an uninterrupted restore of the same backup —
// no object missing, none twice (every object is compared by its hidden
// marker, with its text, state, place and conversation). Each point kills at
// the Nth API write, either before it reaches GitHub or after GitHub applied
// it but before the answer came back (the object exists, the journal never
// heard of it). Both datasets, with everything that has content.
//
// RESTORE_KILL_POINTS sets the points per dataset (default 3, to keep the
// suite fast; `npm run bench` runs the issue's 10).
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareTarget } from "../../../bench/restore-target.js";
import type { FakeGitHub } from "../../../fake-github/index.js";
import { CONTENT_TYPES as CONTENT_SIDE } from "../../../src/entities/index.js";
import { seededRandom } from "../../reliability/cli-harness.js";
import { type KillMode, type KillProxy, startKillProxy } from "../support/kill-proxy.js";
import { makeEveryoneAssignable, removeTempDirs, repoOf, startFake, tempDir } from "../support/pull-side.js";
import { saveBackup as saveSample } from "../support/setup.js";
import { targetView } from "../support/target-view.js";

afterAll(removeTempDirs);

const POINTS = Number(process.env.RESTORE_KILL_POINTS ?? 3);
const SEED = 16_2026;

function childScript(): string {
  const path = resolve("dist/bench/restore-child.js");
  if (!existsSync(path)) throw new Error(`${path} is missing: run 'npm run build' first`);
  return path;
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Runs one restore process (in a process group of its own, so a kill takes its git children too). */
function runRestore(
  fake: FakeGitHub,
  apiUrl: string,
  backupDir: string,
  repo: string,
  stateDir: string,
  onChild: (child: ChildProcess) => void = () => {},
): Promise<ChildRun> {
  const settings = {
    backupDir,
    owner: "octo-org",
    repo,
    apiUrl,
    stateDir,
    entities: CONTENT_SIDE,
    importApi: "auto",
  };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [childScript(), JSON.stringify(settings)], {
      env: {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: process.env.HOME ?? "/tmp",
        GITHUB_TOKEN: fake.token,
      },
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
    });
    onChild(child);
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stderr }));
  });
}

describe.each(["small", "tricky"] as const)("a restore of %s killed and run again", (dataset) => {
  let fake: FakeGitHub;
  let proxy: KillProxy;
  let backup: string;
  let reference: unknown;
  let writes: number;
  const stateDir = () => join(tempDir("gd-kill-state-"), "state");

  beforeAll(async () => {
    fake = await startFake(dataset, 7);
    makeEveryoneAssignable(fake.store);
    backup = await saveSample(fake, CONTENT_SIDE, { real: true });
    proxy = await startKillProxy(fake.url);
    proxy.arm(null);
    // Targets ready for every content type: discussions on, the wiki's first page made (web-only on GitHub).
    await prepareTarget(fake, "octo-org", "reference");
    const run = await runRestore(fake, proxy.url, backup, "reference", stateDir());
    expect(run.code, run.stderr).toBe(0);
    writes = proxy.writes;
    reference = targetView(fake.store, repoOf(fake, "reference"));
    // The reference holds every issue and pull request of the source, each once.
    const source = repoOf(fake, "sample");
    expect((reference as { items: unknown[] }).items.length).toBe(source.issues.size);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
  });

  const random = seededRandom(SEED + (dataset === "small" ? 0 : 1));
  const points = Array.from({ length: POINTS }, (_, i) => ({
    i: i + 1,
    pick: random(),
    mode: (random() < 0.5 ? "before" : "after") as KillMode,
  }));

  it.each(points)(
    "point $i ($mode a seeded write): nothing missing, nothing twice",
    async ({ i, pick, mode }) => {
      const repo = `killed-${i}`;
      const state = stateDir();
      const nth = 1 + Math.floor(pick * (writes - 1));
      let child: ChildProcess | undefined;
      await prepareTarget(fake, "octo-org", repo);
      proxy.arm({ nth, mode, child: () => child });
      const killed = await runRestore(fake, proxy.url, backup, repo, state, (c) => {
        child = c;
      });
      expect(killed.signal, `write ${nth} of ${writes}: ${killed.stderr}`).toBe("SIGKILL");
      proxy.arm(null);
      const resumed = await runRestore(fake, proxy.url, backup, repo, state);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(targetView(fake.store, repoOf(fake, repo))).toEqual(reference);
    },
    120_000,
  );
});
