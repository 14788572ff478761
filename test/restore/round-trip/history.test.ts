// Round trip of issue timelines: saved as issue_events by SaveRepositoryUseCase,
// restored as one collapsed "History" comment per issue, with the times and
// actors of the original, mentions neutralised, same-repository numbers
// pointing at the copy, no second comment on a rerun, and counted by a dry run.
import { existsSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import { timelineOf } from "../../../fake-github/store/timeline.js";
import type { FakeIssueComment, FakeRepo } from "../../../fake-github/store/types.js";
import { issueEventsRestorer } from "../../../src/entities/issue_events/restore.js";
import type { EntityName } from "../../../src/entities/names.js";
import { formatTime } from "../../../src/restore/attribution.js";
import { markerOf } from "../../../src/restore/bodies.js";
import { WORD_JOINER } from "../../../src/restore/mentions.js";
import {
  PR_RESTORERS,
  PR_SIDE,
  restoreRequest as pullSideRequest,
  pulls,
  startFake,
} from "../support/pull-side.js";
import {
  ISSUE_RESTORERS,
  ISSUE_SIDE,
  makeEveryoneAssignable,
  numberMap,
  plainIssues,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
} from "../support/setup.js";
import { matchPulls } from "../support/views.js";

afterAll(removeTempDirs);

const ENTITIES: EntityName[] = [...ISSUE_SIDE, "issue_events"];

function historyOf(target: FakeRepo, newNumber: number): FakeIssueComment[] {
  return target.comments.filter(
    (c) => c.issue_number === newNumber && markerOf(c.body, "issue_history") !== null,
  );
}

describe.each(["small", "tricky"] as const)("history comments of the %s dataset", (dataset) => {
  let fake: FakeGitHub;
  let source: FakeRepo;
  let target: FakeRepo;
  let dir: string;
  let journal: string | null;
  const request = () =>
    restoreRequest(fake, dir, "restored", {
      importApi: "never",
      selection: { entities: new Set(ENTITIES), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      restorers: [...ISSUE_RESTORERS, issueEventsRestorer],
    });

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset, seed: 3 });
    makeEveryoneAssignable(fake.store);
    source = repoOf(fake, "sample");
    dir = await saveBackup(fake, [...ENTITIES, "pull_requests"], { real: true });
    const result = await restore(request());
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    journal = result.journalPath;
    target = repoOf(fake, "restored");
  });
  afterAll(() => fake.close());

  it("writes one history comment per issue with every event, its time and actor", () => {
    const numbers = numberMap(source, target);
    let checked = 0;
    for (const issue of plainIssues(source)) {
      const events = timelineOf(source, issue);
      const newNumber = numbers.get(issue.number);
      expect(newNumber, `#${issue.number}`).toBeDefined();
      const comments = historyOf(target, newNumber ?? 0);
      if (events.length === 0) {
        expect(comments).toEqual([]);
        continue;
      }
      expect(comments.map((c) => markerOf(c.body, "issue_history"))).toEqual([String(issue.number)]);
      const body = comments[0]?.body ?? "";
      expect(body).toContain("<details>");
      const lines = body.split("\n").filter((line) => line.startsWith("- "));
      expect(lines.length).toBe(events.length);
      for (const [i, event] of events.entries()) expect(lines[i]).toContain(formatTime(event.created_at));
      // Every mention is neutralised.
      expect(body).not.toMatch(/(^|\s)@[A-Za-z]/);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("points a same-repository cross-reference at the copy, never at an unrelated number", () => {
    const numbers = numberMap(source, target);
    let checked = 0;
    for (const issue of plainIssues(source)) {
      for (const event of timelineOf(source, issue)) {
        const from = event.source;
        if (from?.repoKey !== "octo-org/sample") continue;
        const moved = numbers.get(from.number);
        const body = historyOf(target, numbers.get(issue.number) ?? 0)[0]?.body ?? "";
        // Restored: its new number; not restored (pull requests here): a placeholder that does not link.
        expect(body).toContain(moved === undefined ? `#${WORD_JOINER}${from.number}` : `#${moved}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("posts no second history comment when run again", async () => {
    const before = target.comments.length;
    const again = await restore(request());
    expect(again.exitCode).toBe(0);
    expect(target.comments.length).toBe(before);
  });

  it("adopts its history comments by their marker when the journal is lost", async () => {
    // The journal lives in the per-user state folder, keyed by the target's id.
    expect(journal !== null && existsSync(journal)).toBe(true);
    rmSync(journal as string);
    const histories = () => target.comments.filter((c) => markerOf(c.body, "issue_history") !== null).length;
    const before = histories();
    const again = await restore(request());
    expect(again.exitCode).toBe(0);
    expect(histories()).toBe(before);
  });

  it("counts the history comments in a dry run", async () => {
    const planned = await restore({
      ...restoreRequest(fake, dir, `planned-${dataset}`, { dryRun: true, contentLimits: undefined }),
      selection: { entities: new Set(ENTITIES), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      restorers: [...ISSUE_RESTORERS, issueEventsRestorer],
    });
    const withEvents = [...source.issues.values()].filter((i) => timelineOf(source, i).length > 0).length;
    expect(planned.plan?.byEntity.issue_events).toMatchObject({ create: withEvents });
  });
});

describe("history comments of pull requests (small dataset)", () => {
  let fake: FakeGitHub;
  let source: FakeRepo;

  beforeAll(async () => {
    fake = await startFake("small");
    source = repoOf(fake, "sample");
    const dir = await saveBackup(fake, [...PR_SIDE, "issues", "issue_events"], { real: true });
    const result = await restore(
      pullSideRequest(fake, dir, "restored-pulls", {
        selection: {
          entities: new Set<EntityName>([...PR_SIDE, "issue_events"]),
          issues: { kind: "none" },
          pullRequests: { kind: "all" },
        },
        restorers: [...PR_RESTORERS, issueEventsRestorer],
      }),
    );
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
  });
  afterAll(() => fake.close());

  it("writes the merges, review requests and head-branch deletions of each pull request", () => {
    const m = matchPulls(source, repoOf(fake, "restored-pulls"), fake.url);
    let checked = 0;
    for (const pr of pulls(source)) {
      const events = timelineOf(source, pr);
      const copy = m.pulls.get(pr.number);
      if (!copy || events.length === 0) continue;
      const [history, ...more] = historyOf(m.target, copy.number);
      expect(more).toEqual([]);
      expect(markerOf(history?.body, "issue_history")).toBe(String(pr.number));
      const lines = (history?.body ?? "").split("\n").filter((line) => line.startsWith("- "));
      expect(lines.length).toBe(events.length);
      const said = (event: string, words: string) =>
        events.filter((e) => e.event === event).length === lines.filter((l) => l.includes(words)).length;
      expect(said("merged", "merged this")).toBe(true);
      expect(said("review_requested", "requested a review from")).toBe(true);
      expect(said("head_ref_deleted", "deleted the head branch")).toBe(true);
      checked++;
    }
    expect(checked).toBe(pulls(source).length);
  });
});
