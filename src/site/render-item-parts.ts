// Pieces shared by the issue and pull-request pages: the side bar (labels,
// milestone, assignees) and one comment box.
import type { LabelRef, MilestoneRef, UserRef } from "../backup/record-parts.js";
import { describeEvent } from "../entities/issue_events/history.js";
import type { IssueEventRecord } from "../entities/issue_events/record.js";
import { esc, userName, when } from "./html.js";
import { type LocalCopies, renderMarkdown, safeHref } from "./markdown.js";
import type { SiteContext } from "./site-context.js";

export interface SideBarItem {
  labels: LabelRef[];
  milestone: MilestoneRef | null;
  assignees: UserRef[];
}

export function sideBar(ctx: SiteContext, item: SideBarItem, extra = ""): string {
  const labels = item.labels.length
    ? item.labels.map((l) => ctx.labels.chip(l)).join(" ")
    : '<span class="none">None yet</span>';
  const milestone = item.milestone
    ? `<span class="milestone">${esc(item.milestone.title)}</span>`
    : '<span class="none">No milestone</span>';
  const assignees = item.assignees.length
    ? item.assignees.map((u) => `<span class="user">${esc(u.login)}</span>`).join(", ")
    : '<span class="none">No one assigned</span>';
  return `<aside class="side">
<h2>Labels</h2><p class="labels">${labels}</p>
<h2>Milestone</h2><p>${milestone}</p>
<h2>Assignees</h2><p class="assignees">${assignees}</p>
${extra}</aside>`;
}

export interface CommentLike {
  id: number;
  user: UserRef | null;
  body: string | null;
  html_url: string;
  author_association?: string;
}

export function commentBox(
  comment: CommentLike,
  at: string | null,
  copies: LocalCopies,
  action = "commented",
  anchor = `comment-${comment.id}`,
): string {
  return `<div class="comment" id="${esc(anchor)}">
<div class="comment-head"><strong class="author">${userName(comment.user)}</strong> ${esc(action)} ${when(at)}</div>
<div class="markdown">${renderMarkdown(comment.body, comment.html_url, copies)}</div>
</div>`;
}

/** " · on GitHub" linking the record's page, when its URL is http(s). */
export function onGitHub(url: string): string {
  const href = safeHref(url, undefined);
  return href ? ` · <a href="${esc(href)}" rel="noopener noreferrer nofollow">on GitHub</a>` : "";
}

/** One timeline event as a line between the comments ("alice added the label `bug` …"). */
export function eventLine(event: IssueEventRecord, repository: string): string {
  // describeEvent writes Markdown (names in code spans); it is rendered and sanitised like a body.
  const what = renderMarkdown(describeEvent(event, repository)).replace(/^<p>|<\/p>\s*$/g, "");
  return `<div class="event"><strong class="author">${userName(event.actor)}</strong> ${what} <span class="when">${when(event.created_at)}</span></div>`;
}

/** Comments (or reviews) and timeline events interleaved by time, the comments' order kept. */
export function withEvents(
  items: readonly { at: string; html: string }[],
  events: readonly IssueEventRecord[],
  repository: string,
): string {
  const lines = events.map((e) => ({ at: e.created_at, html: eventLine(e, repository) }));
  const merged: { at: string; html: string }[] = [];
  let i = 0;
  for (const item of items) {
    while (i < lines.length && (lines[i] as { at: string }).at < item.at)
      merged.push(lines[i++] as { at: string; html: string });
    merged.push(item);
  }
  merged.push(...lines.slice(i));
  return merged.map((m) => m.html).join("\n");
}
