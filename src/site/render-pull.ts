// One pull request's page: title, state, author, branches, labels, milestone,
// assignees, the body, and a timeline of conversation comments and reviews,
// each review with its diff comments under their diff hunks.
import type { PrReviewCommentRecord } from "../entities/pr_review_comments/record.js";
import type { PrReviewRecord } from "../entities/pr_reviews/record.js";
import type { PullRequestRecord } from "../entities/pull_requests/record.js";
import { esc, page, userName, when } from "./html.js";
import { type LocalCopies, renderMarkdown } from "./markdown.js";
import { commentBox, onGitHub, sideBar, withEvents } from "./render-item-parts.js";
import type { SiteContext } from "./site-context.js";

export function pullState(pull: PullRequestRecord): { key: string; text: string } {
  if (pull.merged || pull.merged_at) return { key: "merged", text: "Merged" };
  if (pull.state === "closed") return { key: "closed", text: "Closed" };
  return pull.draft ? { key: "draft", text: "Draft" } : { key: "open", text: "Open" };
}

const REVIEW_ACTIONS: Record<string, string> = {
  APPROVED: "approved these changes",
  CHANGES_REQUESTED: "requested changes",
  COMMENTED: "reviewed",
  DISMISSED: "reviewed (dismissed)",
  PENDING: "started a review (pending)",
};

function diffHunk(hunk: string): string {
  const lines = hunk.split("\n").map((line) => {
    const cls = line.startsWith("@@")
      ? "hunk"
      : line.startsWith("+")
        ? "add"
        : line.startsWith("-")
          ? "del"
          : "ctx";
    return `<span class="${cls}">${esc(line)}</span>`;
  });
  return `<pre class="diff">${lines.join("\n")}</pre>`;
}

function reviewComment(c: PrReviewCommentRecord, copies: LocalCopies): string {
  const where = `${c.path}${(c.line ?? c.original_line) ? `:${c.line ?? c.original_line}` : ""}`;
  return `<div class="review-comment" id="review-comment-${c.id}">
<div class="file">${esc(where)}</div>
${c.in_reply_to_id === null ? diffHunk(c.diff_hunk) : ""}
<div class="comment-head"><strong class="author">${userName(c.user)}</strong> ${c.in_reply_to_id === null ? "commented" : "replied"} ${when(c.created_at)}</div>
<div class="markdown">${renderMarkdown(c.body, c.html_url, copies)}</div>
</div>`;
}

function review(r: PrReviewRecord, comments: readonly PrReviewCommentRecord[], copies: LocalCopies): string {
  const body =
    r.body && r.body.trim() !== ""
      ? `<div class="markdown">${renderMarkdown(r.body, r.html_url, copies)}</div>`
      : "";
  return `<div class="review review-${esc(r.state.toLowerCase())}" id="review-${r.id}">
<div class="comment-head"><strong class="author">${userName(r.user)}</strong> ${esc(REVIEW_ACTIONS[r.state] ?? r.state)} ${when(r.submitted_at)}</div>
${body}
${comments.map((c) => reviewComment(c, copies)).join("\n")}
</div>`;
}

export function renderPullPage(ctx: SiteContext, pull: PullRequestRecord): string {
  const comments = ctx.backup.prComments.get(pull.number) ?? [];
  const reviews = ctx.backup.reviews.get(pull.number) ?? [];
  const diffComments = ctx.backup.reviewComments.get(pull.number) ?? [];
  const byReview = new Map<number, PrReviewCommentRecord[]>();
  const reviewIds = new Set(reviews.map((r) => r.id));
  const loose: PrReviewCommentRecord[] = [];
  for (const c of diffComments) {
    const id = c.pull_request_review_id;
    if (id === null || !reviewIds.has(id)) loose.push(c);
    else byReview.set(id, [...(byReview.get(id) ?? []), c]);
  }
  const timeline = [
    ...comments.map((c) => ({
      at: c.created_at,
      id: c.id,
      html: commentBox(c, c.created_at, ctx.pageCopies),
    })),
    ...reviews.map((r) => ({
      at: r.submitted_at ?? "",
      id: r.id,
      html: review(r, byReview.get(r.id) ?? [], ctx.pageCopies),
    })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id));
  const state = pullState(pull);
  const head =
    pull.head.repo && pull.head.repo.full_name !== pull.base.repo?.full_name
      ? `${pull.head.repo.full_name}:${pull.head.ref}`
      : pull.head.ref;
  const merged = pull.merged_at
    ? `; merged ${when(pull.merged_at)}`
    : pull.closed_at
      ? `; closed ${when(pull.closed_at)}`
      : "";
  const looseHtml = loose.length
    ? `<h2>Diff comments outside a saved review</h2>\n${loose.map((c) => reviewComment(c, ctx.pageCopies)).join("\n")}`
    : "";
  const branches = `<h2>Branches</h2><p class="branches"><code>${esc(head)}</code> → <code>${esc(pull.base.ref)}</code></p>\n`;
  const body = `<article class="item pull">
<h1><span class="title">${esc(pull.title)}</span> <span class="number">#${pull.number}</span></h1>
<p class="meta"><span class="state state-${state.key}">${state.text}</span> <span class="opened"><strong class="author">${userName(pull.user)}</strong> opened this pull request ${when(pull.created_at)}${merged} · ${comments.length} comment${comments.length === 1 ? "" : "s"}, ${reviews.length} review${reviews.length === 1 ? "" : "s"}</span>${onGitHub(pull.html_url)}</p>
<div class="columns">
<section class="timeline">
${commentBox(pull, pull.created_at, ctx.pageCopies, "opened", "pull-body")}
${withEvents(timeline, ctx.backup.events.get(pull.number) ?? [], ctx.repoName)}
${looseHtml}
</section>
${sideBar(ctx, pull, branches)}
</div>
</article>`;
  return page({
    title: `${pull.title} · Pull request #${pull.number} · ${ctx.repoName}`,
    root: "../",
    body,
    repoName: ctx.repoName,
  });
}
