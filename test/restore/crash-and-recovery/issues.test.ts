// Crash safety: stop a restore at several points (an AbortSignal fired after
// N objects exist in the target, as a kill would), optionally lose the last
// journal line (GitHub made the object, the journal never heard of it), run
// it again, and find exactly one copy of every object. Connection resets on
// content-creating requests (the fake's `script` knob) are retried without
// duplicates too.
import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { markerOf } from "../../../src/restore/bodies.js";
import type { ImportApiMode } from "../../../src/restore/types.js";
import {
  makeEveryoneAssignable,
  plainIssues,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
} from "../support/setup.js";

afterAll(removeTempDirs);

function objectsIn(repo: FakeRepo | undefined): number {
  if (!repo) return 0;
  const links = [...repo.issues.values()].reduce((n, i) => n + i.subIssueIds.length, 0);
  return repo.milestones.length + repo.issues.size + repo.comments.length + links;
}

function expectExactlyOneCopy(source: FakeRepo, target: FakeRepo): void {
  const markers = (kind: "issue" | "issue_comment", bodies: Array<string | null>) =>
    bodies.map((b) => markerOf(b, kind)).sort();
  const sourceIssues = plainIssues(source);
  expect(
    markers(
      "issue",
      plainIssues(target).map((i) => i.body),
    ),
  ).toEqual(sourceIssues.map((i) => String(i.id)).sort());
  const plainNumbers = new Set(sourceIssues.map((i) => i.number));
  expect(
    markers(
      "issue_comment",
      target.comments.map((c) => c.body),
    ),
  ).toEqual(
    source.comments
      .filter((c) => plainNumbers.has(c.issue_number))
      .map((c) => String(c.id))
      .sort(),
  );
  expect(target.milestones.map((m) => m.title).sort()).toEqual(source.milestones.map((m) => m.title).sort());
  const links = (repo: FakeRepo, only?: Set<number>) =>
    [...repo.issues.values()].reduce(
      (n, i) => n + i.subIssueIds.filter((id) => !only || only.has(id)).length,
      0,
    );
  // Children in another repository are not restored.
  const local = new Set([...source.issues.values()].map((i) => i.id));
  expect(links(target)).toBe(links(source, local));
}

function dropLastLine(
  path: string,
  predicate: (entry: Record<string, unknown>) => boolean = () => true,
): string {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "");
  for (let i = lines.length - 1; i >= 0; i--) {
    const entry = JSON.parse(lines[i] as string) as Record<string, unknown>;
    if (!predicate(entry)) continue;
    lines.splice(i, 1);
    writeFileSync(path, `${lines.join("\n")}\n`);
    return String(entry.kind);
  }
  throw new Error("no journal line to drop");
}

async function crashAndResume(
  fake: FakeGitHub,
  dir: string,
  target: string,
  stopAfter: number,
  importApi: ImportApiMode,
  lose: "none" | "last" | "created",
) {
  const controller = new AbortController();
  const first = await restore(
    restoreRequest(fake, dir, target, {
      importApi,
      signal: controller.signal,
      onEvent: () => {
        if (objectsIn(fake.store.repos.get(`octo-org/${target}`)) >= stopAfter)
          controller.abort(new Error("simulated crash"));
      },
    }),
  );
  expect(first.exitCode).toBe(130);
  if (lose !== "none" && first.journalPath) {
    dropLastLine(
      first.journalPath,
      lose === "created" ? (e) => e.outcome === "created" && e.kind !== "label" : undefined,
    );
  }
  const second = await restore(restoreRequest(fake, dir, target, { importApi }));
  expect(second.results.filter((r) => r.status !== "succeeded")).toEqual([]);
  expect(second.exitCode).toBe(0);
  return second;
}

describe.each(["never", "auto"] as const)("interrupted restores (import API %s)", (importApi) => {
  let fake: FakeGitHub;
  let dir: string;
  let source: FakeRepo;
  const stops = importApi === "never" ? [3, 14, 30, 45] : [5, 20, 35];

  it.each(
    stops.flatMap(
      (n) =>
        [
          [n, "none"],
          [n, "last"],
          [n, "created"],
        ] as const,
    ),
  )(
    "stopped once %i objects exist, journal loss: %s — a rerun leaves exactly one copy",
    async (stopAfter, lose) => {
      fake ??= await startFakeGitHub({ dataset: "small", seed: 5 });
      if (!dir) {
        makeEveryoneAssignable(fake.store);
        source = repoOf(fake, "sample");
        dir = await saveBackup(fake);
      }
      const target = `crash-${stopAfter}-${lose}`;
      await crashAndResume(fake, dir, target, stopAfter, importApi, lose);
      expectExactlyOneCopy(source, repoOf(fake, target));
      // A third run changes nothing at all.
      fake.resetStats();
      const third = await restore(restoreRequest(fake, dir, target, { importApi }));
      expect(third.exitCode).toBe(0);
      const writes = fake.stats.log.filter((e) => e.method !== "GET");
      expect(writes).toEqual([]);
    },
  );

  afterAll(() => fake?.close());
});

describe("connection resets on content-creating requests", () => {
  it("are retried and never duplicate an object", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 6 });
    try {
      makeEveryoneAssignable(fake.store);
      const dir = await saveBackup(fake);
      fake.configure({
        script: [
          { route: "POST /repos/{owner}/{repo}/issues", nth: 3, reset: true },
          {
            route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
            nth: 5,
            reset: true,
            times: 2,
          },
          { route: "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", nth: 2, reset: true },
        ],
      });
      const result = await restore(restoreRequest(fake, dir, "resets", { importApi: "never" }));
      expect(result.exitCode).toBe(0);
      expect(fake.stats.byStatus["0"]).toBe(4);
      expectExactlyOneCopy(repoOf(fake, "sample"), repoOf(fake, "resets"));
    } finally {
      await fake.close();
    }
  });

  it("never sends a write twice when GitHub created the object but the answer was lost", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 6 });
    try {
      makeEveryoneAssignable(fake.store);
      const dir = await saveBackup(fake);
      // The route runs (the object exists) and only then does the answer fail.
      fake.configure({
        script: [
          { route: "POST /repos/{owner}/{repo}/issues", nth: 3, status: 502, afterHandler: true },
          {
            route: "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
            nth: 5,
            reset: true,
            afterHandler: true,
          },
          {
            route: "POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues",
            nth: 2,
            status: 500,
            afterHandler: true,
          },
        ],
      });
      const result = await restore(restoreRequest(fake, dir, "lost-answers", { importApi: "never" }));
      expect(result.exitCode).toBe(0);
      expectExactlyOneCopy(repoOf(fake, "sample"), repoOf(fake, "lost-answers"));
    } finally {
      await fake.close();
    }
  });
});
