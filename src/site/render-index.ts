// The site's front page: the repository, what the backup holds (counts per
// type), labels, milestones with progress, releases with their saved asset
// files, and the save's jobs over time.
import { RECORD_FILES } from "../entities/index.js";
import type { ReleaseRecord } from "../entities/releases/record.js";
import { ganttSvg } from "./gantt-svg.js";
import { esc, page, userName, when } from "./html.js";
import { renderMarkdown } from "./markdown.js";
import { copiedFileHref, type SiteContext } from "./site-context.js";

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function release(ctx: SiteContext, r: ReleaseRecord): string {
  const flags = [r.draft ? "draft" : "", r.prerelease ? "pre-release" : ""].filter(Boolean).join(", ");
  const assets = r.assets.map((a) => {
    const name = esc(a.name);
    const file = a.path
      ? `<a href="${esc(copiedFileHref(a.path))}">${name}</a>`
      : `${name} <span class="none">(not downloaded)</span>`;
    return `<li>${file} <span class="none">${bytes(a.size)}</span></li>`;
  });
  return `<div class="release"><h3>${esc(r.name || r.tag_name)} <code>${esc(r.tag_name)}</code>${flags ? ` <span class="none">(${flags})</span>` : ""}</h3>
<p class="markdown">${userName(r.author)} · ${when(r.published_at ?? r.created_at)}</p>
<div class="markdown">${renderMarkdown(r.body, r.html_url, ctx.rootCopies)}</div>
${assets.length ? `<ul class="assets">${assets.join("")}</ul>` : ""}</div>`;
}

export function renderIndexPage(ctx: SiteContext): string {
  const { manifest } = ctx.backup;
  const counts = RECORD_FILES.map((f) => {
    const entry = manifest.files[f.file];
    return entry?.records === undefined
      ? ""
      : `<li><b>${entry.records}</b>${esc(f.entity.replace(/_/g, " "))}</li>`;
  }).join("");
  const labels = ctx.backup.labels
    .map((l) => `<tr><td>${ctx.labels.chip(l)}</td><td>${esc(l.description ?? "")}</td></tr>`)
    .join("");
  const milestones = ctx.backup.milestones
    .map((m) => {
      const total = m.open_issues + m.closed_issues;
      const pct = total === 0 ? 0 : Math.round((m.closed_issues / total) * 100);
      return `<tr><td>${esc(m.title)}</td><td>${esc(m.state)}</td><td><progress value="${m.closed_issues}" max="${Math.max(1, total)}"></progress> ${pct}% (${m.closed_issues} closed, ${m.open_issues} open)</td><td>${m.due_on ? `due ${when(m.due_on)}` : ""}</td></tr>`;
    })
    .join("");
  const src = manifest.source;
  const description = ctx.backup.repository?.description;
  const body = `<h1>${esc(ctx.repoName)}</h1>
${description ? `<p class="description">${esc(description)}</p>\n` : ""}<p class="meta">${src.private === undefined ? "" : src.private ? "Private repository · " : "Public repository · "}${src.default_branch ? `default branch <code>${esc(src.default_branch)}</code> · ` : ""}saved ${when(manifest.finished_at)} from ${esc(src.api_url)} by ${esc(manifest.tool.name)} ${esc(manifest.tool.version)}</p>
<p><a href="issues/index.html">${ctx.backup.issues.length} issues</a> · <a href="pulls/index.html">${ctx.backup.pulls.length} pull requests</a></p>
<h2>What the backup holds</h2><ul class="cards">${counts}</ul>
<h2>Labels</h2>${labels ? `<table class="plain labels">${labels}</table>` : '<p class="none">No labels saved.</p>'}
<h2>Milestones</h2>${milestones ? `<table class="plain milestones"><tr><th>Milestone</th><th>State</th><th>Progress</th><th>Due</th></tr>${milestones}</table>` : '<p class="none">No milestones saved.</p>'}
<h2>Releases</h2>${ctx.backup.releases.length ? ctx.backup.releases.map((r) => release(ctx, r)).join("\n") : '<p class="none">No releases saved.</p>'}
<h2>The save</h2><p class="none">Started ${when(manifest.started_at)}, finished ${when(manifest.finished_at)}; ${manifest.requests.total} requests.</p>
${ganttSvg(manifest.jobs, manifest.started_at, manifest.finished_at)}`;
  return page({ title: `${ctx.repoName} · backup`, root: "", body, repoName: ctx.repoName });
}
