// The pure parts of restoring reviews: which review event reproduces a state,
// where a review comment goes, and how a fallback quotes its hunk.
import { describe, expect, it } from "vitest";
import {
  nearestHunkLine,
  placementOf,
  renderFallback,
} from "../../../src/entities/pr_review_comments/comment-body.js";
import type { PrReviewCommentRecord } from "../../../src/entities/pr_review_comments/record.js";
import { chooseEvent } from "../../../src/entities/pr_reviews/review-event.js";
import { createBodyRewriter, stripRestoreDecorations } from "../../../src/restore/bodies.js";
import type { RestoreContext } from "../../../src/restore/types.js";

describe("review events", () => {
  it("reproduces a state the token may give, and records the one it may not", () => {
    expect(chooseEvent("COMMENTED", true)).toEqual({ event: "COMMENT", note: null });
    expect(chooseEvent("APPROVED", false)).toEqual({ event: "APPROVE", note: null });
    expect(chooseEvent("CHANGES_REQUESTED", false)).toEqual({ event: "REQUEST_CHANGES", note: null });
    for (const state of ["APPROVED", "CHANGES_REQUESTED"] as const) {
      const choice = chooseEvent(state, true);
      expect(choice.event).toBe("COMMENT");
      expect(choice.note).toContain(`Original review state: **${state}**`);
    }
    expect(chooseEvent("DISMISSED", false).note).toContain("**DISMISSED**");
    expect(chooseEvent("PENDING", false)).toMatchObject({ event: "COMMENT" });
  });
});

function comment(fields: Partial<PrReviewCommentRecord>): PrReviewCommentRecord {
  return {
    id: 7,
    node_id: "PRRC_7",
    pull_request_number: 3,
    pull_request_review_id: 5,
    in_reply_to_id: null,
    path: "src/a.ts",
    line: 12,
    side: "RIGHT",
    start_line: null,
    start_side: null,
    original_line: 12,
    position: 4,
    original_position: 4,
    subject_type: "line",
    diff_hunk: "@@ -1,3 +1,4 @@\n a\n+b ```fenced``` c\n d",
    commit_id: "a".repeat(40),
    original_commit_id: "b".repeat(40),
    body: "Looks off, @alice",
    user: { login: "bob", id: 2, type: "User" },
    author_association: "MEMBER",
    created_at: "2025-01-02T03:04:05Z",
    updated_at: "2025-01-02T03:04:05Z",
    html_url: "https://github.com/o/r/pull/3#discussion_r7",
    ...fields,
  };
}

describe("review comment placement", () => {
  it("offers the nearest line its hunk shows on its side when the recorded one is outside it", () => {
    const c = comment({ diff_hunk: "@@ -10,4 +20,5 @@\n a\n+b", line: 30, side: "RIGHT" });
    expect(nearestHunkLine(c, { commit_id: "x", path: "a", line: 30, side: "RIGHT" })).toBe(24);
    expect(nearestHunkLine(c, { commit_id: "x", path: "a", line: 5, side: "LEFT" })).toBe(10);
    // Inside the range, or no header: nothing nearer to try.
    expect(nearestHunkLine(c, { commit_id: "x", path: "a", line: 22, side: "RIGHT" })).toBeNull();
    expect(nearestHunkLine(comment({ diff_hunk: "" }), { commit_id: "x", path: "a", line: 3 })).toBeNull();
  });

  it("uses the line, the range and the side; an outdated comment its original line and commit", () => {
    expect(placementOf(comment({}))).toEqual({
      commit_id: "a".repeat(40),
      path: "src/a.ts",
      line: 12,
      side: "RIGHT",
    });
    expect(placementOf(comment({ start_line: 10, start_side: "RIGHT" }))).toMatchObject({
      start_line: 10,
      start_side: "RIGHT",
    });
    expect(placementOf(comment({ start_line: 12 }))).not.toHaveProperty("start_line");
    expect(placementOf(comment({ line: null }))).toEqual({
      commit_id: "b".repeat(40),
      path: "src/a.ts",
      line: 12,
      side: "RIGHT",
    });
    expect(placementOf(comment({ subject_type: "file", line: null }))).toEqual({
      commit_id: "a".repeat(40),
      path: "src/a.ts",
      subject_type: "file",
    });
    expect(placementOf(comment({ line: null, original_line: null }))).toBeNull();
  });

  it("quotes the hunk in a fence longer than any backtick run in it", () => {
    const bodies = createBodyRewriter({
      references: { newNumberOf: () => undefined, isKnown: () => false, source: null, targetWebUrl: null },
    });
    const ctx = { bodies } as unknown as RestoreContext;
    const rendered = renderFallback(ctx, comment({ start_line: 10 }), "its commit is gone", null);
    expect(rendered.body).toContain("A review comment on `src/a.ts` lines 10–12 at commit");
    // The hunk is quoted with the attribution, so the text after it is the comment's own.
    expect(rendered.body).toContain("> ````diff\n> @@ -1,3 +1,4 @@\n>  a\n> +b ```fenced``` c\n>  d\n> ````");
    expect(stripRestoreDecorations(rendered.body)).toBe("Looks off, @alice");
    const reply = renderFallback(
      ctx,
      comment({ id: 8, in_reply_to_id: 7 }),
      "its thread is elsewhere",
      comment({}),
    );
    expect(reply.body).toContain("A reply in the review thread on `src/a.ts` line 12");
    expect(reply.body).not.toContain("```diff");
  });
});
