// One run at a time per folder: a save or resume holds DIR/.github-data/lock,
// a restore holds its journal's lock (one per target). A second run is
// refused with one line naming the holder (pid, host, command, start time); a
// lock left by a process that no longer runs on this host is taken over.

import type { ChildProcess } from "node:child_process";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { defaultJournalPath } from "../../src/restore/journal.js";
import {
  baseEnv,
  type CliRun,
  type CountingProxy,
  killAtRequest,
  runCli,
  startCountingProxy,
} from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir, writeRequests } from "../reliability/helpers.js";

const TOKEN = "ghp_FoLdErLoCkHoLdEr1a3c5e7g9i1k3m5o7q9s";

/** A pid that surely runs no process: one that has just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "0"]);
  return child.pid as number;
}

function plantLock(path: string, pid: number): void {
  writeFileSync(
    path,
    `${JSON.stringify({ pid, host: hostname(), command: "save elsewhere/thing", started_at: "2026-01-02T03:04:05.000Z" })}\n`,
  );
}

describe("one run per folder", () => {
  let fake: FakeGitHub;
  let proxy: CountingProxy;
  let stateDir: string;
  const cli = (args: string[], onChild?: (child: ChildProcess) => void): Promise<CliRun> =>
    runCli(args, {
      env: baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: proxy.url, GITHUB_DATA_STATE_DIR: stateDir }),
      ...(onChild ? { onChild } : {}),
    });

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 31 });
    addToken(fake.store, TOKEN, {
      userId: fake.dataset?.tokenUser.id ?? 0,
      read: "*",
      write: "*",
      createRepos: true,
      importApi: true,
    });
    proxy = await startCountingProxy(fake.url);
    stateDir = tempDir("gd-lock-state-");
  });
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
    removeTempRoots();
  });

  it("refuses a resume while another run holds the folder, and takes over a dead run's lock", async () => {
    const dir = join(tempDir("gd-lock-"), "out");
    const args = ["save", `${OWNER}/${REPO}`, "--out", dir, "--exclude", "git_repo"];
    // A save killed near its end (after the folder is claimed) leaves its lock behind, as a crash does.
    proxy.reset();
    const full = await cli(["save", `${OWNER}/${REPO}`, "--out", `${dir}-full`, "--exclude", "git_repo"]);
    expect(full.code, full.stderr).toBe(0);
    const killAt = proxy.count - 2;
    const crash = await cli(args, killAtRequest(proxy, killAt));
    proxy.reset();
    expect(crash.signal).toBe("SIGKILL");
    const lock = join(dir, ".github-data", "lock");
    expect(existsSync(join(dir, ".github-data", "state.json"))).toBe(true);
    // The killed run's own lock names a pid that no longer runs.
    expect(existsSync(lock)).toBe(true);

    plantLock(lock, process.pid);
    const refused = await cli([...args, "--resume"]);
    expect(refused.code, refused.stderr).toBe(2);
    // One error line (after the INFO line saying which save it resumes).
    const lines = refused.stderr
      .trim()
      .split("\n")
      .filter((line) => !/ INFO /.test(line));
    expect(lines, refused.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `output folder .* is in use by pid ${process.pid} on ${hostname()} \\(save elsewhere/thing, since 2026-01-02T03:04:05.000Z\\); wait for it to finish`,
      ),
    );
    expect(existsSync(lock)).toBe(true);

    plantLock(lock, deadPid());
    const resumed = await cli([...args, "--resume"]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it("refuses a second restore into the same target while the first holds its journal", async () => {
    const dir = join(tempDir("gd-lock-"), "backup");
    const saved = await cli(["save", `${OWNER}/${REPO}`, "--out", dir, "--include", "labels"]);
    expect(saved.code, saved.stderr).toBe(0);
    const target = fake.store.repos.get(`${OWNER}/${REPO}-tools`.toLowerCase());
    expect(target).toBeDefined();
    const journal = defaultJournalPath(stateDir, proxy.url, target?.id ?? -1);
    mkdirSync(join(journal, ".."), { recursive: true });
    plantLock(`${journal}.lock`, process.pid);
    const before = writeRequests(fake).length;
    const refused = await cli(["restore", dir, `${OWNER}/${REPO}-tools`]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr.trim().split("\n")).toHaveLength(1);
    expect(refused.stderr).toMatch(
      /the restore journal .* is in use by pid \d+ on .*\(save elsewhere\/thing, since/,
    );
    expect(writeRequests(fake).slice(before)).toEqual([]);

    plantLock(`${journal}.lock`, deadPid());
    const restored = await cli(["restore", dir, `${OWNER}/${REPO}-tools`]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(existsSync(`${journal}.lock`)).toBe(false);
  });
});
