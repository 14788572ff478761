// Round trip of reactions: saved by SaveRepositoryUseCase, then restored as
// counts in the attribution block of every restored issue, pull request,
// comment, review comment, release, discussion, discussion comment and reply
// (GitHub lets no one add reactions as someone else); nothing else changes on
// a rerun.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import { reactionsOf } from "../../../fake-github/store/reactions.js";
import type { FakeReaction, FakeReactionSubject, FakeRepo } from "../../../fake-github/store/types.js";
import { discussionsRestorer } from "../../../src/entities/discussions/restore.js";
import { labelsRestorer } from "../../../src/entities/labels/restore.js";
import type { EntityName } from "../../../src/entities/names.js";
import { reactionsRestorer } from "../../../src/entities/reactions/restore.js";
import { repositoryRestorer } from "../../../src/entities/repository/restore.js";
import { markerOf } from "../../../src/restore/bodies.js";
import type { ObjectKind } from "../../../src/restore/types.js";
import { BOTH_RESTORERS, BOTH_SIDES, restoreRequest, startFake } from "../support/pull-side.js";
import {
  restoreRequest as discussionsRequest,
  fastScheduler,
  removeTempDirs,
  repoOf,
  restore,
  saveBackup,
} from "../support/setup.js";

afterAll(removeTempDirs);

const ENTITIES: EntityName[] = [...BOTH_SIDES, "reactions"];

/** GitHub's order of the contents and their emoji, spelled out here independently of the code under test. */
const EMOJI: Array<[string, string]> = [
  ["+1", "👍"],
  ["-1", "👎"],
  ["laugh", "😄"],
  ["hooray", "🎉"],
  ["confused", "😕"],
  ["heart", "❤️"],
  ["rocket", "🚀"],
  ["eyes", "👀"],
];

function expectedLine(reactions: readonly FakeReaction[]): string | null {
  if (reactions.length === 0) return null;
  const parts = EMOJI.flatMap(([content, emoji]) => {
    const n = reactions.filter((r) => r.content === content).length;
    return n > 0 ? [`${emoji} ${n}`] : [];
  });
  return `Reactions: ${parts.join(" · ")}`;
}

/** The attribution block's reactions line of a restored body (null when it has none). */
function reactionsLine(body: string | null): string | null {
  const head = (body ?? "").split("\n\n", 1)[0] ?? "";
  const line = head.split("\n").find((l) => l.startsWith("> Reactions: "));
  return line === undefined ? null : line.slice(2);
}

describe("reaction counts in restored attribution (small dataset)", () => {
  let fake: FakeGitHub;
  let source: FakeRepo;
  let target: FakeRepo;
  let dir: string;
  const request = () =>
    restoreRequest(fake, dir, "restored-reactions", {
      selection: { entities: new Set(ENTITIES), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      restorers: [...BOTH_RESTORERS, reactionsRestorer],
    });

  /** Every restored body with its marker's kind and original id. */
  function restoredBodies(repo: FakeRepo): Array<{ kind: ObjectKind; id: string; body: string | null }> {
    const out: Array<{ kind: ObjectKind; id: string; body: string | null }> = [];
    const kinds: ObjectKind[] = [
      "issue",
      "pull_request",
      "issue_comment",
      "pr_comment",
      "pr_review_comment",
      "release",
    ];
    const bodies = [
      ...[...repo.issues.values()].map((i) => i.body),
      ...repo.comments.map((c) => c.body),
      ...repo.reviewComments.map((c) => c.body),
      ...repo.releases.map((r) => r.body),
    ];
    for (const body of bodies) {
      for (const kind of kinds) {
        const id = markerOf(body, kind);
        if (id !== null) out.push({ kind, id, body });
      }
    }
    return out;
  }

  function expectedFor(kind: ObjectKind, id: string): string | null {
    const n = Number(id);
    const subject: Record<string, [FakeReactionSubject, number] | undefined> = {
      issue: ["issue", n],
      pull_request: ((): [FakeReactionSubject, number] | undefined => {
        const pull = [...source.issues.values()].find((i) => i.pull?.id === n);
        return pull ? ["issue", pull.id] : undefined;
      })(),
      issue_comment: ["issue_comment", n],
      pr_comment: ["issue_comment", n],
      pr_review_comment: ["review_comment", n],
      release: ["release", n],
    };
    const found = subject[kind];
    if (!found) throw new Error(`no original ${kind} ${id}`);
    return expectedLine(reactionsOf(source, found[0], found[1]));
  }

  beforeAll(async () => {
    fake = await startFake("small", 5);
    source = repoOf(fake, "sample");
    dir = await saveBackup(fake, ENTITIES, { real: true });
    const result = await restore(request());
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    target = repoOf(fake, "restored-reactions");
  }, 240_000);
  afterAll(() => fake.close());

  it("shows each original's reaction counts in its attribution, and none where nobody reacted", () => {
    const restored = restoredBodies(target);
    const withReactions = new Map<string, number>();
    for (const { kind, id, body } of restored) {
      const expected = expectedFor(kind, id);
      expect(reactionsLine(body), `${kind} ${id}`).toBe(expected);
      if (expected !== null) withReactions.set(kind, (withReactions.get(kind) ?? 0) + 1);
    }
    // Every kind of subject was checked with reactions.
    for (const kind of ["issue", "pull_request", "issue_comment", "pr_review_comment", "release"]) {
      expect(withReactions.get(kind) ?? 0, kind).toBeGreaterThan(0);
    }
  });

  it("writes the same bodies and nothing more when run again", async () => {
    const before = restoredBodies(target).map((r) => r.body);
    const counts = [target.issues.size, target.comments.length, target.reviewComments.length];
    const again = await restore(request());
    expect(again.exitCode).toBe(0);
    expect([target.issues.size, target.comments.length, target.reviewComments.length]).toEqual(counts);
    expect(restoredBodies(target).map((r) => r.body)).toEqual(before);
  }, 120_000);

  it("says in a dry run that reactions are carried as counts, and plans nothing for them", async () => {
    const said: string[] = [];
    const log = { debug() {}, info: (m: string) => said.push(m), warn() {}, error() {} };
    const planned = await restore({
      ...request(),
      target: { owner: "octo-org", repo: "planned-reactions" },
      dryRun: true,
      log,
    });
    expect(planned.exitCode).toBe(0);
    // Discussions are not saved here, nor are their reactions.
    const total = [...source.reactions]
      .filter(([key]) => !key.startsWith("discussion"))
      .reduce((n, [, list]) => n + list.length, 0);
    expect(said.filter((m) => m.startsWith("reactions: "))).toEqual([
      expect.stringMatching(new RegExp(`^reactions: ${total} saved, carried as counts in the attribution`)),
    ]);
    expect(planned.plan?.byEntity.reactions).toBeUndefined();
  }, 120_000);
});

describe("reaction counts in the attribution of restored discussions (small dataset)", () => {
  const entities: EntityName[] = ["labels", "discussions", "repository", "reactions"];
  let fake: FakeGitHub;
  let source: FakeRepo;
  let target: FakeRepo;

  beforeAll(async () => {
    fake = await startFake("small", 3);
    source = repoOf(fake, "sample");
    const dir = await saveBackup(fake, entities, { real: true });
    const result = await restore(
      discussionsRequest(fake, dir, "restored-discussion-reactions", {
        importApi: "never",
        selection: { entities: new Set(entities), issues: { kind: "all" }, pullRequests: { kind: "all" } },
        restorers: [labelsRestorer, discussionsRestorer, repositoryRestorer, reactionsRestorer],
        client: { schedulerOptions: fastScheduler, budgets: { graphqlPointsPerMinute: 1_000_000 } },
      }),
    );
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
    target = repoOf(fake, "restored-discussion-reactions");
  }, 240_000);
  afterAll(() => fake.close());

  it("shows each discussion's, comment's and reply's counts, and none where nobody reacted", () => {
    const bodies: Array<{ kind: "discussion" | "discussion_comment"; body: string; reply: boolean }> = [
      ...target.discussions.map((d) => ({ kind: "discussion" as const, body: d.body, reply: false })),
      ...target.discussionComments.map((c) => ({
        kind: "discussion_comment" as const,
        body: c.body,
        reply: c.reply_to_id !== null,
      })),
    ];
    expect(bodies.length).toBe(source.discussions.length + source.discussionComments.length);
    const shown = { discussion: 0, comment: 0, reply: 0 };
    for (const { kind, body, reply } of bodies) {
      const id = markerOf(body, kind);
      expect(id, body.slice(0, 80)).not.toBeNull();
      const expected = expectedLine(reactionsOf(source, kind, Number(id)));
      expect(reactionsLine(body), `${kind} ${id}`).toBe(expected);
      if (expected !== null) shown[kind === "discussion" ? "discussion" : reply ? "reply" : "comment"] += 1;
    }
    expect(shown.discussion).toBeGreaterThan(0);
    expect(shown.comment).toBeGreaterThan(0);
    expect(shown.reply).toBeGreaterThan(0);
  });
});
