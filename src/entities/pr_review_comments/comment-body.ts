// Bodies and placement of restored review (diff) comments: on their line
// when GitHub accepts it, otherwise as a conversation comment that quotes
// where the comment was (path, line, commit) and the diff hunk it was on.
import { attributionLines } from "../../restore/attribution.js";
import type { RenderedBody, RestoreContext } from "../../restore/types.js";
import type { PrReviewCommentRecord } from "./record.js";

/** Where a comment goes in the new PR's diff (fields of "create a review comment"). */
export interface Placement {
  commit_id: string;
  path: string;
  line?: number;
  side?: "LEFT" | "RIGHT";
  start_line?: number;
  start_side?: "LEFT" | "RIGHT";
  subject_type?: "file";
}

/** Lines of the hunk quoted in a fallback comment (GitHub shows the last few as context). */
const HUNK_LINES = 20;

export function placementOf(c: PrReviewCommentRecord): Placement | null {
  if (c.subject_type === "file") return { commit_id: c.commit_id, path: c.path, subject_type: "file" };
  if (c.line !== null) {
    const p: Placement = { commit_id: c.commit_id, path: c.path, line: c.line };
    if (c.side) p.side = c.side;
    if (c.start_line !== null && c.start_line < c.line) {
      p.start_line = c.start_line;
      if (c.start_side) p.start_side = c.start_side;
    }
    return p;
  }
  // An outdated comment: no line in the latest diff, but one in the commit it was made on.
  if (c.original_line !== null) {
    const p: Placement = { commit_id: c.original_commit_id, path: c.path, line: c.original_line };
    if (c.side) p.side = c.side;
    return p;
  }
  return null;
}

/**
 * Where a diff comment goes inside its review's request (`commit`: the
 * review's), or null when it is created on its own: a reply, a file comment,
 * one on another commit, one restored already, or a text that needs
 * continuations (placed on its own, its parts after it).
 */
export function inlinePlacement(
  ctx: RestoreContext,
  reviewCommit: string | null,
  comment: PrReviewCommentRecord,
): Placement | null {
  if (comment.in_reply_to_id !== null || ctx.journal.get("pr_review_comment", String(comment.id)))
    return null;
  const placement = placementOf(comment);
  if (!placement || placement.subject_type === "file" || placement.line === undefined) return null;
  if (placement.commit_id === "") return null;
  if (renderReviewComment(ctx, comment).continuations.length > 0) return null;
  if (reviewCommit !== null && placement.commit_id !== reviewCommit) return null;
  return placement;
}

export function renderReviewComment(
  ctx: RestoreContext,
  c: PrReviewCommentRecord,
  extraLines: string[] = [],
): RenderedBody {
  return ctx.bodies.render(c.body, {
    kind: "pr_review_comment",
    originalId: String(c.id),
    attribution: attributionLines({
      what: "Originally posted",
      author: c.user,
      createdAt: c.created_at,
      url: c.html_url || null,
      extraLines,
    }),
  });
}

/**
 * The line nearest to `placement.line` that the comment's own diff hunk shows
 * on its side (the hunk header's range), when that is another line: where to
 * try again when GitHub refuses the recorded line. Null when there is none.
 */
export function nearestHunkLine(c: PrReviewCommentRecord, placement: Placement): number | null {
  if (placement.line === undefined) return null;
  const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(c.diff_hunk);
  if (!header) return null;
  const left = placement.side === "LEFT";
  const start = Number(left ? header[1] : header[3]);
  const count = Number((left ? header[2] : header[4]) ?? "1");
  if (count < 1) return null;
  const nearest = Math.min(Math.max(placement.line, start), start + count - 1);
  return nearest === placement.line ? null : nearest;
}

function where(c: PrReviewCommentRecord): string {
  const line = c.line ?? c.original_line;
  const start = c.start_line;
  let text = `\`${c.path}\``;
  if (c.subject_type === "file") text += " (the whole file)";
  else if (line !== null && start !== null && start < line) text += ` lines ${start}–${line}`;
  else if (line !== null) text += ` line ${line}`;
  if (c.side === "LEFT") text += " (old side)";
  return `${text} at commit \`${c.commit_id || c.original_commit_id}\``;
}

/** A code fence longer than any backtick run in `text`. */
function fenceFor(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  return "`".repeat(longest + 1);
}

/**
 * The conversation comment standing in for a review comment that could not be
 * put on its line: the location and (for a thread's first comment) the hunk.
 */
export function renderFallback(
  ctx: RestoreContext,
  c: PrReviewCommentRecord,
  reason: string,
  replyTo: PrReviewCommentRecord | null,
): RenderedBody {
  const lines = [
    replyTo
      ? `A reply in the review thread on ${where(replyTo)}; ${reason}`
      : `A review comment on ${where(c)}; ${reason}`,
  ];
  // The hunk goes with the attribution, so the text (and its parts, when it is long) is the comment's own.
  if (!replyTo && c.diff_hunk) {
    const hunk = c.diff_hunk.split("\n").slice(-HUNK_LINES).join("\n");
    const fence = fenceFor(hunk);
    lines.push(`${fence}diff\n${hunk}\n${fence}`);
  }
  return ctx.bodies.render(c.body, {
    kind: "pr_review_comment",
    originalId: String(c.id),
    attribution: attributionLines({
      what: "Originally posted",
      author: c.user,
      createdAt: c.created_at,
      url: c.html_url || null,
      extraLines: lines,
    }),
  });
}
