// Failure paths: each bad item is reported on its own (warning or per-item
// error), everything else is restored, and the run exits 1 when any item failed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { markerOf } from "../../src/restore/bodies.js";
import {
  comment,
  type EmptyFake,
  handBackup,
  issue,
  label,
  link,
  milestone,
  request,
  startEmptyFake,
} from "./support/fixtures.js";
import { removeTempDirs, restore, tempDir } from "./support/setup.js";

afterAll(removeTempDirs);

function byOriginal(repo: FakeRepo): Map<number, number> {
  const map = new Map<number, number>();
  for (const i of repo.issues.values()) {
    const original = markerOf(i.body, "issue");
    if (original) map.set(Number(original) - 1000, i.number);
  }
  return map;
}

describe("restore failure paths", () => {
  let env: EmptyFake;
  beforeEach(async () => {
    env = await startEmptyFake();
  });
  afterEach(() => env.close());

  it("reports each bad item and restores the rest (exit 1)", async () => {
    const issues = [
      issue(1, {
        milestone: { number: 9, title: "gone" },
        assignees: [
          { login: "nobody-here", id: 77, type: "User" },
          { login: "me", id: 1, type: "User" },
        ],
      }),
    ];
    const links = [];
    // #2 has 101 children (#3…#103): the 101st cannot be linked.
    issues.push(issue(2));
    for (let c = 3; c <= 103; c++) {
      issues.push(issue(c));
      links.push(link(2, c, c - 2));
    }
    // A chain #200 → #201 → … → #209: levels 9 and 10 are too deep.
    for (let n = 200; n <= 209; n++) {
      issues.push(issue(n));
      if (n > 200) links.push(link(n - 1, n, 1));
    }
    // A link whose child was never saved, and one into another repository.
    links.push(link(1, 999, 1), link(1, 5000, 2, { sub_issue_repository: "src/other" }));
    const dir = await handBackup({
      labels: [label("ok", "00ff00"), label("too-long", "ff0000", "x".repeat(101))],
      milestones: [milestone(1, "kept")],
      issues,
      issue_comments: [comment(7001, 1), comment(7002, 404)],
      sub_issues: links,
    });

    const result = await restore(request(env, dir, "target"));
    const target = env.store.repos.get("me/target") as FakeRepo;
    const status = Object.fromEntries(result.results.map((r) => [r.name, [r.status, r.records, r.failed]]));

    expect(result.exitCode).toBe(1);
    expect(status.labels).toEqual(["failed", 1, 1]); // GitHub's 422 on a description over 100 characters
    expect(status.milestones).toEqual(["succeeded", 1, 0]);
    expect(status.issues).toEqual(["succeeded", issues.length, 0]);
    expect(status.issue_comments).toEqual(["succeeded", 1, 0]);
    expect(status.sub_issues).toEqual(["failed", 100 + 7, 3]);

    const numbers = byOriginal(target);
    const one = target.issues.get(numbers.get(1) as number);
    expect(one?.milestoneNumber).toBeNull();
    expect(one?.assigneeIds).toEqual([env.me.id]);
    const parent = target.issues.get(numbers.get(2) as number);
    expect(parent?.subIssueIds).toHaveLength(100);
    const chainRoot = target.issues.get(numbers.get(200) as number);
    expect(chainRoot?.subIssueIds).toHaveLength(1);
    expect(target.issues.get(numbers.get(207) as number)?.subIssueIds).toHaveLength(0);

    const text = result.warnings.join("\n");
    expect(text).toMatch(/issue #1: milestone "gone" was not restored/);
    expect(text).toMatch(/@nobody-here cannot be assigned/);
    expect(text).toMatch(/more than 100 sub-issues/);
    expect(text).toMatch(/#207 → #208: would nest 9 levels deep/);
    expect(text).toMatch(/#208 → #209: would nest 10 levels deep/);
    expect(text).toMatch(/another repository/);
    expect(text).toMatch(/an end was not restored: #1 → #999/);
    expect(text).toMatch(/issue #404 was not restored/);
    expect(text).toMatch(/label "too-long": 422/);
  });

  it("exits 2 before writing anything when the target is missing and may not be created", async () => {
    const dir = await handBackup({ labels: [label("x")], issues: [issue(1)] });
    env.fake.resetStats();
    await expect(restore(request(env, dir, "absent", { createRepo: false }))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/does not exist/),
    });
    const writes = env.fake.stats.log.filter((e) => e.method !== "GET");
    expect(writes).toEqual([]);
    expect(env.store.repos.has("me/absent")).toBe(false);
  });

  it("exits 2, naming --state, when the journal cannot be written, before creating the target", async () => {
    const dir = await handBackup({ labels: [label("x")] });
    // A file where the state folder should be.
    const notAFolder = join(tempDir(), "state-file");
    writeFileSync(notAFolder, "not a folder");
    await expect(restore(request(env, dir, "unwritable", { stateDir: notAFolder }))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/--state/),
    });
    expect(env.store.repos.has("me/unwritable")).toBe(false);
    // With --state elsewhere it works.
    const state = join(tempDir(), "state.jsonl");
    const result = await restore(request(env, dir, "unwritable", { statePath: state }));
    expect(result.exitCode).toBe(0);
    expect(result.journalPath).toBe(state);
  });

  it("exits 2 for a folder that is not a backup and for a token GitHub rejects", async () => {
    await expect(restore(request(env, "/nonexistent-folder", "t"))).rejects.toMatchObject({ exitCode: 2 });
    const dir = await handBackup({ labels: [label("x")] });
    await expect(restore({ ...request(env, dir, "t"), token: "wrong-token" })).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/401/),
    });
  });
});
