// One issue's page: title, state and reason, author, labels, milestone,
// assignees, sub-issue tree, the body and every comment in order.
import type { IssueRecord } from "../entities/issues/record.js";
import { esc, page, userName, when } from "./html.js";
import { commentBox, onGitHub, sideBar, withEvents } from "./render-item-parts.js";
import { itemLink, type SiteContext } from "./site-context.js";
import { type SubIssueIndex, subIssueBlocks } from "./sub-issue-tree.js";

const REASONS: Record<string, string> = {
  completed: "completed",
  not_planned: "not planned",
  duplicate: "duplicate",
  reopened: "reopened",
};

export function issueState(issue: IssueRecord): string {
  const reason = issue.state_reason ? (REASONS[issue.state_reason] ?? issue.state_reason) : null;
  const label = issue.state === "open" ? "Open" : "Closed";
  const detail = reason && !(issue.state === "open" && reason === "reopened") ? ` as ${esc(reason)}` : "";
  const reopened = issue.state === "open" && reason === "reopened" ? " (reopened)" : "";
  return `<span class="state state-${issue.state}">${label}</span><span class="reason">${detail}${reopened}</span>`;
}

export function renderIssuePage(ctx: SiteContext, issue: IssueRecord, subs: SubIssueIndex): string {
  const comments = ctx.backup.issueComments.get(issue.number) ?? [];
  const tree = subIssueBlocks(subs, issue.number, (n) => itemLink(ctx, n));
  const closed = issue.closed_at
    ? `; closed ${when(issue.closed_at)}${issue.closed_by ? ` by ${userName(issue.closed_by)}` : ""}`
    : "";
  const locked = issue.locked
    ? `; locked${issue.active_lock_reason ? ` as ${esc(issue.active_lock_reason)}` : ""}`
    : "";
  const body = `<article class="item issue">
<h1><span class="title">${esc(issue.title)}</span> <span class="number">#${issue.number}</span></h1>
<p class="meta">${issueState(issue)} <span class="opened"><strong class="author">${userName(issue.user)}</strong> opened this issue ${when(issue.created_at)}${closed}${locked} · ${comments.length} comment${comments.length === 1 ? "" : "s"}</span>${onGitHub(issue.html_url)}</p>
<div class="columns">
<section class="timeline">
${commentBox({ ...issue, body: issue.body }, issue.created_at, ctx.pageCopies, "opened", "issue-body")}
${withEvents(
  comments.map((c) => ({ at: c.created_at, html: commentBox(c, c.created_at, ctx.pageCopies) })),
  ctx.backup.events.get(issue.number) ?? [],
  ctx.repoName,
)}
</section>
${sideBar(ctx, issue, tree)}
</div>
</article>`;
  return page({
    title: `${issue.title} · Issue #${issue.number} · ${ctx.repoName}`,
    root: "../",
    body,
    repoName: ctx.repoName,
  });
}
