// What every page renderer needs besides its own records: the loaded backup,
// the label colours, and which issue and PR numbers have a page.

import { LabelStyles } from "./labels-css.js";
import type { LoadedBackup } from "./load-backup.js";
import type { LocalCopies } from "./markdown.js";

export interface SiteContext {
  backup: LoadedBackup;
  labels: LabelStyles;
  repoName: string;
  issueNumbers: Set<number>;
  pullNumbers: Set<number>;
  /** Titles of every saved issue and pull request by number. */
  titles: Map<number, string>;
  /** Saved attachments as linked from a page at the site root (index.html). */
  rootCopies: LocalCopies;
  /** Saved attachments as linked from a page one folder down (issues/N.html, pulls/N.html). */
  pageCopies: LocalCopies;
}

/** The site's copy of a backup file (release assets, attachments), relative to the site root. */
export function copiedFileHref(path: string): string {
  return `files/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function siteContext(backup: LoadedBackup): SiteContext {
  const source = backup.manifest.source;
  const labels = new LabelStyles();
  for (const label of backup.labels) labels.classFor(label);
  return {
    backup,
    labels,
    repoName: source.full_name ?? `${source.owner}/${source.repo}`,
    issueNumbers: new Set(backup.issues.map((i) => i.number)),
    pullNumbers: new Set(backup.pulls.map((p) => p.number)),
    titles: new Map([...backup.issues, ...backup.pulls].map((i) => [i.number, i.title])),
    rootCopies: localCopies(backup, ""),
    pageCopies: localCopies(backup, "../"),
  };
}

function localCopies(backup: LoadedBackup, root: string): LocalCopies {
  return (url) => {
    const path = backup.attachments.get(url);
    return path === undefined ? undefined : `${root}${copiedFileHref(path)}`;
  };
}

/** The page (relative to a page one folder down) and title of an issue or PR number, or undefined when not saved. */
export function itemLink(ctx: SiteContext, number: number): { href: string; title: string } | undefined {
  const title = ctx.titles.get(number) ?? "";
  if (ctx.issueNumbers.has(number)) return { href: `../issues/${number}.html`, title };
  if (ctx.pullNumbers.has(number)) return { href: `../pulls/${number}.html`, title };
  return undefined;
}
