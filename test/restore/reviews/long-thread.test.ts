// A review thread of a dozen replies comes back as one thread on its line:
// every reply answers the comment it answered (in_reply_to), none becomes a
// conversation comment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo, FakeReviewComment } from "../../../fake-github/store/types.js";
import { markerOf } from "../../../src/restore/bodies.js";
import {
  makeEveryoneAssignable,
  removeTempDirs,
  repoOf,
  restore,
  restoreRequest,
  saveBackup,
  startFake,
} from "../support/pull-side.js";

afterAll(removeTempDirs);

describe("a review thread of 13 comments", () => {
  let fake: FakeGitHub;
  let source: FakeRepo;
  let target: FakeRepo;
  let first: FakeReviewComment;
  const thread: FakeReviewComment[] = [];

  beforeAll(async () => {
    fake = await startFake("small", 7);
    makeEveryoneAssignable(fake.store);
    source = repoOf(fake, "sample");
    const top = source.reviewComments.find((c) => c.in_reply_to_id === null && c.line !== null);
    if (!top) throw new Error("small has no review comment on a line");
    first = top;
    thread.push(top);
    for (let i = 1; i <= 12; i++) {
      const id = fake.store.nextId();
      const at = new Date(Date.parse(top.created_at) + i * 60_000).toISOString();
      const reply: FakeReviewComment = {
        ...top,
        id,
        node_id: `PRRC_thread${id}`,
        in_reply_to_id: top.id,
        body: `Reply ${i} in the thread`,
        created_at: at,
        updated_at: at,
      };
      source.reviewComments.push(reply);
      thread.push(reply);
    }
    const backup = await saveBackup(fake);
    const result = await restore(restoreRequest(fake, backup, "restored"));
    expect(result.exitCode).toBe(0);
    target = repoOf(fake, "restored");
  }, 300_000);
  afterAll(() => fake.close());

  it("places every comment of the thread on its line, each reply under the first comment", () => {
    const byOriginal = new Map(target.reviewComments.map((c) => [markerOf(c.body, "pr_review_comment"), c]));
    const head = byOriginal.get(String(first.id));
    expect(head).toMatchObject({
      path: first.path,
      line: first.line,
      side: first.side,
      in_reply_to_id: null,
    });
    for (const c of thread.slice(1)) {
      const got = byOriginal.get(String(c.id));
      expect(got, `reply ${c.id}`).toMatchObject({
        path: first.path,
        line: first.line,
        in_reply_to_id: head?.id,
      });
    }
    // None of them fell back to a conversation comment.
    const fallbacks = target.comments.filter((c) => markerOf(c.body, "pr_review_comment") !== null);
    expect(fallbacks).toEqual([]);
  });
});
