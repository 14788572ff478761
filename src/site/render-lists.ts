// The issue and pull-request lists: static pages of PAGE_SIZE rows (they work
// without JavaScript), the filter form, and the list data (data/<kind>-list.js)
// the client script filters and searches over.
import { esc, page, userName, when } from "./html.js";
import type { SiteContext } from "./site-context.js";

export const PAGE_SIZE = 100;

export type ListKind = "issues" | "pulls";

export interface ListItem {
  number: number;
  title: string;
  /** open, closed, merged or draft. */
  state: string;
  user: { login: string } | null;
  labels: { name: string; color: string; description: string | null }[];
  milestone: { title: string } | null;
  comments: number;
  created_at: string;
}

export interface ListFile {
  path: string;
  content: string;
}

export function listPageName(index: number): string {
  return index === 0 ? "index.html" : `page-${index + 1}.html`;
}

function row(ctx: SiteContext, item: ListItem): string {
  const labels = item.labels.map((l) => ctx.labels.chip(l)).join(" ");
  const milestone = item.milestone ? ` <span class="milestone">${esc(item.milestone.title)}</span>` : "";
  return `<li class="row"><span class="state state-${esc(item.state)}">${esc(item.state)}</span> <a href="${item.number}.html" class="title">${esc(item.title)}</a> ${labels}<div class="sub">#${item.number} opened ${when(item.created_at)} by ${userName(item.user)}${milestone} · ${item.comments} comment${item.comments === 1 ? "" : "s"}</div></li>`;
}

function options(values: readonly string[]): string {
  return values.map((v, i) => `<option value="${i}">${esc(v)}</option>`).join("");
}

function pager(pages: number, current: number): string {
  if (pages <= 1) return "";
  const links: string[] = [];
  if (current > 0) links.push(`<a href="${listPageName(current - 1)}" rel="prev">Previous</a>`);
  links.push(`<span>Page ${current + 1} of ${pages}</span>`);
  if (current < pages - 1) links.push(`<a href="${listPageName(current + 1)}" rel="next">Next</a>`);
  return `<nav class="pager">${links.join(" ")}</nav>`;
}

/** Every file of one list: its HTML pages and its data script. */
export function renderList(
  ctx: SiteContext,
  kind: ListKind,
  items: readonly ListItem[],
  searchShards: number,
): ListFile[] {
  const heading = kind === "issues" ? "Issues" : "Pull requests";
  const authors = [...new Set(items.map((i) => i.user?.login ?? "ghost"))].sort();
  const labelNames = [...new Set(items.flatMap((i) => i.labels.map((l) => l.name)))].sort();
  const milestoneTitles = [...new Set(items.flatMap((i) => (i.milestone ? [i.milestone.title] : [])))].sort();
  const states = kind === "issues" ? ["open", "closed"] : ["open", "draft", "closed", "merged"];
  const authorIdx = new Map(authors.map((a, i) => [a, i]));
  const labelIdx = new Map(labelNames.map((l, i) => [l, i]));
  const milestoneIdx = new Map(milestoneTitles.map((m, i) => [m, i]));
  const open = items.filter((i) => i.state === "open" || i.state === "draft").length;

  const form = `<form class="filters" id="filters">
<input type="search" id="search" placeholder="Search titles, bodies and comments" aria-label="Search" data-kind="${kind}" data-shards="${searchShards}">
<select id="f-state" aria-label="State"><option value="">Any state</option>${states.map((s) => `<option value="${s}">${s}</option>`).join("")}</select>
<select id="f-label" aria-label="Label"><option value="">Any label</option>${options(labelNames)}</select>
<select id="f-milestone" aria-label="Milestone"><option value="">Any milestone</option>${options(milestoneTitles)}</select>
<select id="f-author" aria-label="Author"><option value="">Any author</option>${options(authors)}</select>
</form>
<p class="counts"><span id="result-count">${items.length} ${heading.toLowerCase()}</span> · ${open} open, ${items.length - open} closed</p>
<div id="results" hidden></div>`;

  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const files: ListFile[] = [];
  for (let p = 0; p < pages; p++) {
    const slice = items.slice(p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    const body = `<h1>${heading}</h1>
${form}
<div id="static-list">
<ul class="list">${slice.map((i) => row(ctx, i)).join("\n")}</ul>
${pager(pages, p)}
</div>`;
    files.push({
      path: `${kind}/${listPageName(p)}`,
      content: page({
        title: `${heading}${pages > 1 ? ` (page ${p + 1})` : ""} · ${ctx.repoName}`,
        root: "../",
        body,
        repoName: ctx.repoName,
        scripts: ["assets/minisearch.js", `data/${kind}-list.js`, "assets/site.js"],
      }),
    });
  }

  const rows = items.map((i) => [
    i.number,
    i.title,
    i.state,
    authorIdx.get(i.user?.login ?? "ghost") ?? 0,
    i.labels.map((l) => labelIdx.get(l.name) ?? 0),
    i.milestone ? (milestoneIdx.get(i.milestone.title) ?? -1) : -1,
    i.comments,
    i.created_at.slice(0, 10),
  ]);
  const labelRefs = new Map(items.flatMap((i) => i.labels.map((l) => [l.name, l] as const)));
  const labelClasses = labelNames.map((name) =>
    ctx.labels.classFor(labelRefs.get(name) ?? { name, color: "ededed" }),
  );
  const data = { kind, authors, labels: labelNames, labelClasses, milestones: milestoneTitles, rows };
  files.push({
    path: `data/${kind}-list.js`,
    content: `window.GHD_LIST = JSON.parse(${JSON.stringify(JSON.stringify(data))});\n`,
  });
  return files;
}
