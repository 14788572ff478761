// Round trip of discussions: save → restore into a new repository → save the
// copy → compare. Every discussion, comment and reply comes back with its
// text (attribution aside), category, labels, answer, closed and locked state,
// each reply under its parent; a category the target lacks maps to the
// fallback and is reported; a rerun, and a run killed right after GitHub
// created an object, make no duplicates.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import { addDiscussionCategory } from "../../../fake-github/store/discussions.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { discussionsRestorer } from "../../../src/entities/discussions/restore.js";
import { labelsRestorer } from "../../../src/entities/labels/restore.js";
import type { EntityName } from "../../../src/entities/names.js";
import { repositoryRestorer } from "../../../src/entities/repository/restore.js";
import { markerOf, stripRestoreDecorations } from "../../../src/restore/bodies.js";
import type { RestoreRepositoryRequest } from "../../../src/restore/restore-repository.js";
import { SaveRepositoryUseCase } from "../../../src/save/save-repository.js";
import { type Row, readJsonl } from "../../save/expected.js";
import {
  expectedText,
  fastScheduler,
  ISSUE_RESTORERS,
  numberMap,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
  tempDir,
} from "../support/setup.js";

afterAll(removeTempDirs);

const WITH_ISSUES: EntityName[] = ["labels", "milestones", "issues", "discussions", "repository"];
const WITHOUT_ISSUES: EntityName[] = ["labels", "discussions", "repository"];

function request(
  fake: FakeGitHub,
  dir: string,
  target: string,
  entities: EntityName[],
  extra: Partial<RestoreRepositoryRequest> = {},
): RestoreRepositoryRequest {
  const restorers = entities.includes("issues")
    ? [...ISSUE_RESTORERS.filter((r) => entities.includes(r.name)), discussionsRestorer, repositoryRestorer]
    : [labelsRestorer, discussionsRestorer, repositoryRestorer];
  return restoreRequest(fake, dir, target, {
    importApi: "never",
    selection: { entities: new Set(entities), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    restorers,
    // Hundreds of mutations at 5 points each would wait for GitHub's per-minute GraphQL budget.
    client: { schedulerOptions: fastScheduler, budgets: { graphqlPointsPerMinute: 1_000_000 } },
    ...extra,
  });
}

async function saveCopy(fake: FakeGitHub, name: string): Promise<string> {
  const dir = join(tempDir(), "copy");
  const result = await new SaveRepositoryUseCase().execute({
    repo: { owner: "octo-org", repo: name },
    outDir: dir,
    token: fake.token,
    apiUrl: fake.url,
    selection: { entities: new Set(["discussions"]), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    client: { schedulerOptions: fastScheduler },
  });
  if (result.exitCode !== 0) throw new Error(`save of the copy failed: ${JSON.stringify(result.results)}`);
  return dir;
}

interface Thread {
  number: number;
  title: string;
  body: string;
  category: string;
  labels: string[];
  closed: boolean;
  state_reason: unknown;
  locked: boolean;
  lock_reason: unknown;
  answer: string | null;
  /** Top-level comments in order, each with its replies in order (by original id). */
  comments: Array<{ id: string; body: string; replies: Array<{ id: string; body: string }> }>;
}

/**
 * A saved folder's discussions keyed by the ORIGINAL discussion id: for the
 * copy, ids come from the markers and bodies are stripped of decorations.
 */
function threads(dir: string, copy: boolean, text: (body: string) => string): Map<string, Thread> {
  const original = (row: Row, kind: "discussion" | "discussion_comment") =>
    copy ? (markerOf(row.body as string, kind) ?? "?") : String(row.id);
  const comments = readJsonl(dir, "discussion_comments.jsonl");
  const byId = new Map(comments.map((c) => [c.id, c]));
  const out = new Map<string, Thread>();
  for (const d of readJsonl(dir, "discussions.jsonl")) {
    const own = comments
      .filter((c) => c.discussion_number === d.number)
      .sort(
        (a, b) =>
          String(a.created_at).localeCompare(String(b.created_at)) || (a.id as number) - (b.id as number),
      );
    const answerRow = d.answer_comment_id === null ? undefined : byId.get(d.answer_comment_id);
    out.set(original(d, "discussion"), {
      number: copy ? -1 : (d.number as number),
      title: d.title as string,
      body: copy ? stripRestoreDecorations(d.body as string) : text(d.body as string),
      category: (d.category as { name: string }).name,
      labels: (d.labels as Array<{ name: string }>).map((l) => l.name).sort(),
      closed: d.closed as boolean,
      state_reason: d.state_reason,
      locked: d.locked as boolean,
      lock_reason: d.active_lock_reason,
      answer: answerRow ? original(answerRow, "discussion_comment") : null,
      comments: own
        .filter((c) => c.reply_to_id === null)
        .map((c) => ({
          id: original(c, "discussion_comment"),
          body: copy ? stripRestoreDecorations(c.body as string) : text(c.body as string),
          replies: own
            .filter((r) => r.reply_to_id === c.id)
            .map((r) => ({
              id: original(r, "discussion_comment"),
              body: copy ? stripRestoreDecorations(r.body as string) : text(r.body as string),
            })),
        })),
    });
  }
  return out;
}

/** What the copy must show for the original: the fallback category where the target has none of that name. */
function expectedCopy(thread: Thread, fallback: (name: string) => string): Omit<Thread, "number"> {
  const { number: _number, ...rest } = thread;
  const category = fallback(thread.category);
  // The fallback (General) takes no answers: the answer is named in the comment's attribution only.
  return { ...rest, category, answer: category === thread.category ? thread.answer : null };
}

describe.each([
  ["small", WITH_ISSUES],
  ["tricky", WITH_ISSUES],
  ["medium", WITHOUT_ISSUES],
] as const)("discussions of the %s dataset", (dataset, entities) => {
  let fake: FakeGitHub;
  let source: FakeRepo;
  let target: FakeRepo;
  let dir: string;
  let warnings: string[];
  const defaults = new Set(["Announcements", "General", "Ideas", "Polls", "Q&A", "Show and tell"]);
  const fallback = (name: string) => (defaults.has(name) ? name : "General");

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset, seed: 3 });
    source = repoOf(fake, "sample");
    // Pull requests are saved (bodies mention their numbers) but not restored here.
    dir = await saveBackup(fake, [...entities, "pull_requests"], { real: true });
    const result = await restore(request(fake, dir, "restored", [...entities]));
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    warnings = result.warnings;
    target = repoOf(fake, "restored");
  }, 120_000);
  afterAll(() => fake.close());

  it("keeps every discussion, comment, reply, answer, label, closed and locked state", async () => {
    const numbers = numberMap(source, target);
    const text = (body: string) =>
      entities.includes("issues") ? expectedText(body, source, numbers, fake.url) : body;
    const before = threads(dir, false, text);
    const after = threads(await saveCopy(fake, "restored"), true, text);
    expect(after.size).toBe(source.discussions.length);
    expect(new Map([...after].map(([k, v]) => [k, { ...v, number: -1 }]))).toEqual(
      new Map([...before].map(([k, v]) => [k, { ...expectedCopy(v, fallback), number: -1 }])),
    );
    // The answers really are marked, and the states really are set.
    expect([...after.values()].filter((t) => t.answer !== null).length).toBeGreaterThan(0);
    expect([...after.values()].some((t) => t.closed && t.state_reason === "outdated")).toBe(true);
    expect([...after.values()].some((t) => t.locked)).toBe(true);
  });

  it("writes attribution and neutralises mentions", () => {
    for (const d of target.discussions) {
      expect(d.body).toMatch(/^<!-- github-data:discussion:\d+ -->\n> \*Originally `#\d+` by @\u2060/);
      expect(d.body).not.toMatch(/(^|\s)@[A-Za-z]/);
    }
  });

  it("reports each discussion whose category the target lacks", () => {
    const missing = source.discussions.filter((d) => {
      const name = source.discussionCategories.find((c) => c.id === d.categoryId)?.name ?? "";
      return !defaults.has(name);
    });
    expect(missing.length > 0).toBe(dataset === "tricky");
    for (const d of missing) {
      expect(warnings.some((w) => w.includes(`discussion #${d.number}: the target has no category`))).toBe(
        true,
      );
    }
  });

  it("creates nothing more when run again", async () => {
    const counts = [target.discussions.length, target.discussionComments.length];
    const again = await restore(request(fake, dir, "restored", [...entities]));
    expect(again.exitCode).toBe(0);
    expect([target.discussions.length, target.discussionComments.length]).toEqual(counts);
  });
});

/** A fetch that, after GitHub has applied the `killAt`-th discussion mutation, aborts the run before its answer is read. */
function killingFetch(controller: AbortController, killAt: number): typeof fetch {
  let mutations = 0;
  return async (input, init) => {
    const response = await fetch(input, init);
    const body = typeof init?.body === "string" ? init.body : "";
    if (/createDiscussion|addDiscussionComment/.test(body) && ++mutations === killAt) {
      controller.abort();
      throw new DOMException("killed", "AbortError");
    }
    return response;
  };
}

describe("a restore killed right after GitHub created a discussion or a comment", () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 6 });
  });
  afterAll(() => fake.close());

  it.each([1, 4, 9])("resumes without duplicates (killed at mutation %i)", async (killAt) => {
    const dir = await saveBackup(fake, [...WITHOUT_ISSUES], { real: true });
    const name = `killed-${killAt}`;
    const statePath = join(tempDir(), "journal.jsonl");
    const controller = new AbortController();
    const first = await restore(
      request(fake, dir, name, [...WITHOUT_ISSUES], {
        statePath,
        signal: controller.signal,
        client: {
          schedulerOptions: fastScheduler,
          budgets: { graphqlPointsPerMinute: 1_000_000 },
          fetch: killingFetch(controller, killAt),
        },
      }),
    );
    expect(first.exitCode).not.toBe(0);
    const resumed = await restore(request(fake, dir, name, [...WITHOUT_ISSUES], { statePath }));
    expect(resumed.exitCode).toBe(0);
    const source = repoOf(fake, "sample");
    const target = repoOf(fake, name);
    const markers = (kind: "discussion" | "discussion_comment", bodies: string[]) =>
      bodies.map((b) => markerOf(b, kind)).sort();
    expect(
      markers(
        "discussion",
        target.discussions.map((d) => d.body),
      ),
    ).toEqual(source.discussions.map((d) => String(d.id)).sort());
    expect(
      markers(
        "discussion_comment",
        target.discussionComments.map((c) => c.body),
      ),
    ).toEqual(source.discussionComments.map((c) => String(c.id)).sort());
  });
});

describe("fallback category", () => {
  it("--discussion-category picks the target's category for one it lacks, and a dry run counts", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 9 });
    try {
      const source = repoOf(fake, "sample");
      const odd = addDiscussionCategory(
        fake.store,
        source,
        { name: "Design reviews", emoji: ":art:", description: null, is_answerable: false },
        source.created_at,
      );
      const moved = source.discussions[0];
      if (!moved) throw new Error("no discussion");
      moved.categoryId = odd.id;
      const dir = await saveBackup(fake, [...WITHOUT_ISSUES], { real: true });
      const plan = await restore(request(fake, dir, "planned", [...WITHOUT_ISSUES], { dryRun: true }));
      const expected = source.discussions.length + source.discussionComments.length;
      expect(plan.plan?.byEntity.discussions?.create).toBe(expected);
      const result = await restore(
        request(fake, dir, "fallback", [...WITHOUT_ISSUES], { discussionCategory: "Ideas" }),
      );
      expect(result.exitCode).toBe(0);
      expect(result.warnings).toContainEqual(
        `discussions: discussion #${moved.number}: the target has no category "Design reviews"; restored into "Ideas"`,
      );
      const target = repoOf(fake, "fallback");
      const copy = target.discussions.find((d) => markerOf(d.body, "discussion") === String(moved.id));
      expect(target.discussionCategories.find((c) => c.id === copy?.categoryId)?.name).toBe("Ideas");
      expect(copy?.body).toContain("Category in the original: `Design reviews`");
    } finally {
      await fake.close();
    }
  });

  it("a target with discussions off is skipped with what to do", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 9 });
    try {
      const dir = await saveBackup(fake, ["labels", "discussions"], { real: true });
      const result = await restore(request(fake, dir, "off", ["labels", "discussions"]));
      expect(
        result.warnings.some((w) => /the target has discussions turned off: \d+ discussion/.test(w)),
      ).toBe(true);
      expect(repoOf(fake, "off").discussions).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
