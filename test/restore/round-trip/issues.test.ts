// Round trip of the issue side: save octo-org/sample from the fake server
// with SaveRepositoryUseCase, restore it into a new repository, and compare
// the two repositories in the fake's store — labels, milestones, issues (title, text, state, reason,
// labels, milestone, lock, assignees), comments in order and the sub-issue tree
// — through the Issue Import API and through the normal endpoints.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { charCount, MAX_BODY_CHARS, markerOf, stripRestoreDecorations } from "../../../src/restore/bodies.js";
import { WORD_JOINER } from "../../../src/restore/mentions.js";
import {
  expectedText,
  issueView,
  makeEveryoneAssignable,
  numberMap,
  plainIssues,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
} from "../support/setup.js";

afterAll(removeTempDirs);

function compare(fake: FakeGitHub, source: FakeRepo, target: FakeRepo): void {
  // Labels and milestones.
  for (const label of source.labels) {
    const there = target.labels.find((l) => l.name.toLowerCase() === label.name.toLowerCase());
    expect(there, `label ${label.name}`).toMatchObject({ name: label.name, color: label.color });
    expect(there?.description ?? "").toBe(label.description ?? "");
  }
  // No extra labels: GitHub's defaults in the repository restore created are gone unless the source has them.
  const names = (repo: FakeRepo) => repo.labels.map((l) => l.name.toLowerCase()).sort();
  expect(names(target)).toEqual(names(source));
  const milestones = (repo: FakeRepo) =>
    repo.milestones
      .map((m) => ({ title: m.title, state: m.state, description: m.description ?? "", due_on: m.due_on }))
      .sort((a, b) => a.title.localeCompare(b.title));
  expect(milestones(target)).toEqual(milestones(source));

  // Issues, comments and the tree, keyed by source number.
  const numbers = numberMap(source, target);
  expect([...numbers.keys()].sort((a, b) => a - b)).toEqual(plainIssues(source).map((i) => i.number));
  const back = new Map([...numbers].map(([s, t]) => [t, s]));
  const text = (body: string | null) => expectedText(body, source, numbers, fake.url);
  const expected = issueView(fake.store, source, (i) => i.number, text);
  const actual = issueView(fake.store, target, (i) => back.get(i.number), stripRestoreDecorations);
  for (const [n, want] of expected) {
    const got = actual.get(n);
    expect(got, `issue #${n}`).toBeDefined();
    if (!got) continue;
    // A body at GitHub's length limit has no room for the attribution: it goes on, complete, in a
    // continuation comment (joined back by issueView), and nothing is cut.
    if (charCount(want.body) + 300 > MAX_BODY_CHARS) expect(got.body).not.toContain("cut by github-data");
    // Issues closed before reasons existed keep none (state_reason null), through either path.
    // Cross-repository children are not restored (another repository).
    want.children = want.children.filter((c) => c !== -1);
    expect({ ...got, n }).toEqual({ ...want, n });
  }
  // No restored body pings anyone: every mention carries the word joiner.
  for (const issue of plainIssues(target)) {
    expect(issue.body ?? "").not.toMatch(/(^|\s)@[A-Za-z]/);
  }
}

describe.each([
  ["small", "auto"],
  ["tricky", "auto"],
  ["tricky", "never"],
] as const)("round trip of the %s dataset (import API %s)", (dataset, importApi) => {
  let fake: FakeGitHub;
  let source: FakeRepo;
  let target: FakeRepo;
  let result: Awaited<ReturnType<typeof restore>>;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset, seed: 3 });
    makeEveryoneAssignable(fake.store);
    source = repoOf(fake, "sample");
    const dir = await saveBackup(fake, undefined, { real: true });
    result = await restore(restoreRequest(fake, dir, "restored", { importApi }));
    target = repoOf(fake, "restored");
  });
  afterAll(() => fake.close());

  it("finishes every job", () => {
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.targetCreated).toBe(true);
  });

  it("reproduces labels, milestones, issues, comments and the sub-issue tree", () => {
    compare(fake, source, target);
  });

  it("marks every restored issue and comment with its original id", () => {
    const ids = new Set(plainIssues(source).map((i) => String(i.id)));
    for (const issue of plainIssues(target)) expect(ids.has(markerOf(issue.body, "issue") ?? "")).toBe(true);
    const commentIds = new Set(source.comments.map((c) => String(c.id)));
    const own = target.comments.filter((c) => markerOf(c.body, "continuation") === null);
    for (const c of own) expect(commentIds.has(markerOf(c.body, "issue_comment") ?? "")).toBe(true);
    expect(own.length).toBe(
      source.comments.filter((c) => source.issues.get(c.issue_number)?.pull === null).length,
    );
  });

  it("keeps original creation times only through the import API", () => {
    const numbers = numberMap(source, target);
    // An issue whose text needs a continuation comment goes through the plain endpoints (an import
    // carries one body per item and would have to cut it).
    const long = (s: number) => charCount(source.issues.get(s)?.body ?? "") + 300 > MAX_BODY_CHARS;
    const same = [...numbers].filter(
      ([s, t]) => source.issues.get(s)?.created_at === target.issues.get(t)?.created_at,
    );
    if (importApi === "auto")
      expect(same.map(([s]) => s)).toEqual([...numbers.keys()].filter((s) => !long(s)));
    else expect(same).toEqual([]);
  });

  it("neutralises mentions with a word joiner", () => {
    if (dataset !== "tricky") return;
    const mentioned = plainIssues(target).find((i) => i.title.startsWith("Ünïcödé"));
    expect(mentioned?.body).toContain(`@${WORD_JOINER}alice`);
    expect(mentioned?.body).toContain("user@example.com");
  });
});
