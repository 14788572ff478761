// The sub-issue tree around an issue: its chain of parents and its children,
// nested, each linked when the backup holds it. Cycles and runaway depth in a
// hostile backup stop the walk instead of looping.
import type { SubIssueRecord } from "../entities/sub_issues/record.js";
import { esc } from "./html.js";

const MAX_DEPTH = 8;

export interface SubIssueIndex {
  children: Map<number, SubIssueRecord[]>;
  parentOf: Map<number, number>;
}

export function indexSubIssues(records: readonly SubIssueRecord[]): SubIssueIndex {
  const children = new Map<number, SubIssueRecord[]>();
  const parentOf = new Map<number, number>();
  for (const r of records) {
    const list = children.get(r.parent_number);
    if (list) list.push(r);
    else children.set(r.parent_number, [r]);
    if (r.sub_issue_repository === undefined) parentOf.set(r.sub_issue_number, r.parent_number);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position);
  return { children, parentOf };
}

/** The page and title of a saved issue, or undefined when the backup does not hold it. */
type LinkFor = (number: number) => { href: string; title: string } | undefined;

function link(number: number, linkFor: LinkFor, repo?: string): string {
  const text = `${repo ? esc(repo) : ""}#${number}`;
  const target = repo ? undefined : linkFor(number);
  return target ? `<a href="${esc(target.href)}">${text} ${esc(target.title)}</a>` : `<span>${text}</span>`;
}

function childList(
  index: SubIssueIndex,
  number: number,
  linkFor: LinkFor,
  seen: Set<number>,
  depth: number,
): string {
  const kids = index.children.get(number);
  if (!kids || depth >= MAX_DEPTH) return "";
  const items = kids.map((k) => {
    if (k.sub_issue_repository !== undefined)
      return `<li>${link(k.sub_issue_number, linkFor, k.sub_issue_repository)}</li>`;
    if (seen.has(k.sub_issue_number)) return `<li>${link(k.sub_issue_number, linkFor)} (cycle)</li>`;
    seen.add(k.sub_issue_number);
    return `<li>${link(k.sub_issue_number, linkFor)}${childList(index, k.sub_issue_number, linkFor, seen, depth + 1)}</li>`;
  });
  return `<ul>${items.join("")}</ul>`;
}

/** The "Parent" and "Sub-issues" blocks of an issue's side bar; "" when it has neither. */
export function subIssueBlocks(index: SubIssueIndex, number: number, linkFor: LinkFor): string {
  const parents: number[] = [];
  const seen = new Set<number>([number]);
  for (
    let p = index.parentOf.get(number);
    p !== undefined && !seen.has(p) && parents.length < MAX_DEPTH;
    p = index.parentOf.get(p)
  ) {
    parents.unshift(p);
    seen.add(p);
  }
  let out = "";
  if (parents.length) {
    out += `<h2>Parent</h2><p class="parents">${parents.map((p) => link(p, linkFor)).join(" › ")}</p>\n`;
  }
  const tree = childList(index, number, linkFor, new Set([number]), 0);
  if (tree) out += `<h2>Sub-issues</h2><div class="subissues">${tree}</div>\n`;
  return out;
}
