// Restore's journal decides what counts as already done, so it never comes
// from the backup folder: a journal planted there is not read, a journal that
// is a symbolic link is refused, and a journal belongs to one target
// repository id (a deleted and recreated target starts afresh).
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoKey } from "../../fake-github/store/create-store.js";
import { createIssue } from "../../fake-github/store/mutations/issues.js";
import { defaultJournalPath } from "../../src/restore/journal.js";
import {
  addTargetRepo,
  type EmptyFake,
  handBackup,
  issue,
  label,
  ME,
  request,
  startEmptyFake,
} from "../restore/support/fixtures.js";
import { removeTempDirs, restore, tempDir } from "../restore/support/setup.js";

describe("the restore journal is not the backup folder's to decide", () => {
  let env: EmptyFake;
  beforeAll(async () => {
    env = await startEmptyFake();
  });
  afterAll(async () => {
    await env.close();
    removeTempDirs();
  });

  it("does not read a journal planted in the backup folder: an unrelated issue is left alone", async () => {
    const victim = addTargetRepo(env.store, "victim");
    const theirs = createIssue(env.store, victim, env.me, { title: "Someone else's issue", body: "keep me" });
    const dir = await handBackup({
      labels: [label("bug")],
      issues: [issue(1, { state: "closed", labels: [{ name: "bug", color: "ededed", description: null }] })],
    });
    mkdirSync(join(dir, ".github-data"), { recursive: true });
    writeFileSync(
      join(dir, ".github-data", `restore-${ME}-victim.jsonl`),
      `${JSON.stringify({ kind: "issue", key: "1001", originalNumber: 1, newId: theirs.id, newNumber: theirs.number, outcome: "created" })}\n`,
    );
    const result = await restore(request(env, dir, "victim"));
    expect(result.exitCode).toBe(0);
    expect(result.warnings.join("\n")).toMatch(/restore journal inside the backup folder is not read/);
    const after = victim.issues.get(theirs.number);
    expect(after?.state).toBe("open");
    expect(after?.labelIds).toEqual([]);
    expect(after?.title).toBe("Someone else's issue");
    // The backup's issue was restored as a new issue instead.
    expect([...victim.issues.values()].filter((i) => i.state === "closed")).toHaveLength(1);
    expect(result.journalPath?.startsWith(dir)).toBe(false);
  });

  it("refuses a journal that is a symbolic link, and leaves its target untouched", async () => {
    const repo = addTargetRepo(env.store, "linked");
    const stateDir = tempDir();
    const outside = join(tempDir(), "precious.txt");
    writeFileSync(outside, "precious\n");
    const path = defaultJournalPath(stateDir, env.fake.url, repo.id);
    mkdirSync(join(path, ".."), { recursive: true });
    symlinkSync(outside, path);
    const dir = await handBackup({ labels: [label("x")] });
    env.fake.resetStats();
    await expect(restore(request(env, dir, "linked", { stateDir }))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/restore journal .* is a symbolic link; refused/),
    });
    expect(readFileSync(outside, "utf8")).toBe("precious\n");
    expect(env.fake.stats.log.filter((e) => e.method !== "GET")).toEqual([]);
    // The same through --state.
    await expect(restore(request(env, dir, "linked", { statePath: path }))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/is a symbolic link; refused/),
    });
    expect(readFileSync(outside, "utf8")).toBe("precious\n");
  });

  it("starts afresh for a deleted and recreated target with the same name (a new id)", async () => {
    const stateDir = tempDir();
    const dir = await handBackup({ labels: [label("a")], issues: [issue(1), issue(2)] });
    const first = await restore(request(env, dir, "reborn", { stateDir }));
    expect(first.exitCode).toBe(0);
    const firstId = first.target?.id;
    expect(first.journalPath).toBe(defaultJournalPath(stateDir, env.fake.url, firstId ?? -1));
    env.store.repos.delete(repoKey(ME, "reborn"));
    const second = await restore(request(env, dir, "reborn", { stateDir }));
    expect(second.exitCode).toBe(0);
    expect(second.target?.id).not.toBe(firstId);
    const reborn = env.store.repos.get(repoKey(ME, "reborn"));
    expect(reborn?.issues.size).toBe(2);
    expect(reborn?.labels.map((l) => l.name)).toContain("a");
    expect(second.results.find((r) => r.name === "issues")?.records).toBe(2);
  });

  it("moves aside an explicit --state journal that belongs to another repository id", async () => {
    const stateDir = tempDir();
    const state = join(stateDir, "mine.jsonl");
    writeFileSync(
      state,
      `${JSON.stringify({ journal: "github-data restore journal", target_id: 987654, target: "x/y" })}\n` +
        `${JSON.stringify({ kind: "issue", key: "1001", originalNumber: 1, newNumber: 1, newId: 1, outcome: "created", finished: true })}\n`,
    );
    const dir = await handBackup({ issues: [issue(1)] });
    const result = await restore(request(env, dir, "explicit", { statePath: state }));
    expect(result.exitCode).toBe(0);
    expect(result.warnings.join("\n")).toMatch(/belongs to repository id 987654.*moved to/);
    expect(env.store.repos.get(repoKey(ME, "explicit"))?.issues.size).toBe(1);
    const header = JSON.parse(readFileSync(state, "utf8").split("\n")[0] ?? "{}") as { target_id?: number };
    expect(header.target_id).toBe(result.target?.id);
  });

  it("never lets a journal line's __proto__ key reach an object's prototype", async () => {
    const stateDir = tempDir();
    const dir = await handBackup({ labels: [label("p")] });
    const first = await restore(request(env, dir, "proto", { stateDir }));
    const path = first.journalPath as string;
    writeFileSync(
      path,
      `${readFileSync(path, "utf8")}{"kind":"label","key":"p","outcome":"created","__proto__":{"polluted":true}}\n`,
    );
    const again = await restore(request(env, dir, "proto", { stateDir }));
    expect(again.exitCode).toBe(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(existsSync(path)).toBe(true);
  });
});
