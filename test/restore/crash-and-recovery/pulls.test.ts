// Interrupted and repeated restores: a restore stopped in the middle, whose
// journal also lost its last entries (a crash between GitHub's answer and the
// fsync), finishes on the next run with exactly one copy of every object; and
// a rerun without any journal adopts everything by marker, creating nothing.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { markerOf } from "../../../src/restore/bodies.js";
import type { ObjectKind } from "../../../src/restore/types.js";
import {
  makeEveryoneAssignable,
  pulls,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
  startFake,
  writeRequests,
} from "../support/pull-side.js";

afterAll(removeTempDirs);

/** How many objects of the target carry each original's marker. */
function copies(items: ReadonlyArray<{ body: string | null }>, kind: ObjectKind): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of items) {
    const id = markerOf(item.body, kind);
    if (id !== null) out.set(id, (out.get(id) ?? 0) + 1);
  }
  return out;
}

function expectOneCopyOfEverything(source: FakeRepo, target: FakeRepo): void {
  const one = (ids: Array<number | undefined>) => new Map(ids.map((id) => [String(id), 1]));
  expect(copies([...target.issues.values()], "pull_request")).toEqual(
    one(pulls(source).map((p) => p.pull?.id)),
  );
  const prComments = source.comments.filter((c) => source.issues.get(c.issue_number)?.pull);
  expect(copies(target.comments, "pr_comment")).toEqual(one(prComments.map((c) => c.id)));
  expect(copies(target.reviews, "pr_review")).toEqual(one(source.reviews.map((r) => r.id)));
  expect(copies(target.reviewComments, "pr_review_comment")).toEqual(
    one(source.reviewComments.map((c) => c.id)),
  );
  expect(target.releases.map((r) => r.tag_name)).toEqual(source.releases.map((r) => r.tag_name));
  for (const release of source.releases) {
    const there = target.releases.find((r) => r.tag_name === release.tag_name);
    expect(there?.assets.map((a) => a.name).sort()).toEqual(release.assets.map((a) => a.name).sort());
  }
}

/** Content-creating requests (and git pushes) in the fake's stats. */
function creations(fake: FakeGitHub): Record<string, number> {
  return Object.fromEntries(
    Object.entries(writeRequests(fake)).filter(
      ([route]) => route.startsWith("POST ") && !route.endsWith("git-upload-pack"),
    ),
  );
}

describe("an interrupted restore", () => {
  let fake: FakeGitHub;
  let backup: string;

  beforeAll(async () => {
    fake = await startFake("tricky", 11);
    makeEveryoneAssignable(fake.store);
    backup = await saveBackup(fake);
  }, 60_000);
  afterAll(async () => {
    await fake?.close();
  });

  it("finishes on the next run with exactly one copy of every object", async () => {
    const stop = new AbortController();
    const first = await restore(
      restoreRequest(fake, backup, "crashed", {
        signal: stop.signal,
        onEvent: (event) => {
          if (event.type === "progress" && event.job === "pr_reviews" && (event.items ?? 0) >= 3)
            stop.abort();
        },
      }),
    );
    expect(first.exitCode).toBe(130);
    // The crash also lost the journal's last entries: those objects exist without an entry.
    const journal = first.journalPath as string;
    const lines = readFileSync(journal, "utf8").split("\n").filter(Boolean);
    expect(lines.length).toBeGreaterThan(10);
    writeFileSync(journal, `${lines.slice(0, -6).join("\n")}\n`);

    const second = await restore(restoreRequest(fake, backup, "crashed"));
    expect(second.warnings).toEqual([]);
    expect(second.exitCode).toBe(0);
    expect(second.results.some((r) => r.records > 0)).toBe(true);
    expectOneCopyOfEverything(repoOf(fake, "sample"), repoOf(fake, "crashed"));
    // The objects whose entries were lost were adopted, not made again.
    const adopted = readFileSync(journal, "utf8")
      .split("\n")
      .filter((line) => line.includes('"outcome":"adopted"'));
    expect(adopted.length).toBeGreaterThan(0);
  }, 60_000);

  it("creates nothing when rerun without a journal: every object is found by its marker", async () => {
    const done = await restore(restoreRequest(fake, backup, "crashed"));
    rmSync(done.journalPath as string);
    fake.resetStats();
    const again = await restore(restoreRequest(fake, backup, "crashed"));
    expect(again.exitCode).toBe(0);
    expect(creations(fake)).toEqual({});
    expectOneCopyOfEverything(repoOf(fake, "sample"), repoOf(fake, "crashed"));
  }, 60_000);
});
