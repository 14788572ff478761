// Restores the sub-issue tree. GitHub's add call takes the parent's NUMBER in
// the path and the child's numeric issue ID (not its number) in the body; the
// child's new id comes from the journal. Links are created shallowest first
// (a parent is linked under its own parent before it gets children) and, for
// one parent, in original position order, so siblings keep their order. Links
// GitHub cannot hold (over 100 children, deeper than 8 levels) fail one by
// one; links whose ends were not restored, or whose child lives in another
// repository, are skipped with a warning.
import { failureText, rethrowIfAborted } from "../../restore/error-text.js";
import { listAll } from "../../restore/list-target.js";
import { issueSelected } from "../../restore/selection.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { problemsWith } from "../../restore/validation.js";
import { SUB_ISSUES_FILE, type SubIssueRecord } from "./record.js";

export const MAX_CHILDREN = 100;
export const MAX_LEVELS = 8;

const linkKey = (link: SubIssueRecord) => `${link.parent_number}/${link.sub_issue_number}`;

/** Level of each child in the saved forest (a root is level 1, its children 2, …); null inside a cycle. */
export function levels(links: readonly SubIssueRecord[]): Map<number, number | null> {
  const parentOf = new Map<number, number>();
  for (const l of links) if (!l.sub_issue_repository) parentOf.set(l.sub_issue_number, l.parent_number);
  const memo = new Map<number, number | null>();
  const levelOf = (issue: number): number | null => {
    if (memo.has(issue)) return memo.get(issue) ?? null;
    const path: number[] = [];
    let current: number | undefined = issue;
    const onPath = new Set<number>();
    while (current !== undefined && !memo.has(current)) {
      if (onPath.has(current)) {
        for (const n of path) memo.set(n, null);
        return null;
      }
      onPath.add(current);
      path.push(current);
      current = parentOf.get(current);
    }
    let level: number | null = current === undefined ? 0 : (memo.get(current) ?? null);
    for (let i = path.length - 1; i >= 0; i--) {
      level = level === null ? null : level + 1;
      memo.set(path[i] as number, level);
    }
    return memo.get(issue) ?? null;
  };
  const out = new Map<number, number | null>();
  for (const l of links) out.set(l.sub_issue_number, levelOf(l.sub_issue_number));
  return out;
}

interface Counters {
  result: EntityRestoreResult;
  linkedChildren: Map<number, Set<number>>;
}

/** Child ids already linked under a parent in the target (read once per parent, on reruns only). */
async function linkedIds(
  ctx: RestoreContext,
  cache: Map<number, Set<number>>,
  parentNumber: number,
): Promise<Set<number>> {
  let ids = cache.get(parentNumber);
  if (!ids) {
    ids = new Set<number>();
    for await (const item of listAll(ctx, "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
      issue_number: parentNumber,
    })) {
      ids.add(Number(item.id));
    }
    cache.set(parentNumber, ids);
  }
  return ids;
}

/**
 * Puts a parent's children back in saved order when a rerun appended one
 * after siblings linked earlier. Reads the list once; moves only what is out of place.
 */
async function reorder(ctx: RestoreContext, parentNumber: number, desired: number[]): Promise<void> {
  const current: number[] = [];
  for await (const item of listAll(ctx, "GET /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
    issue_number: parentNumber,
  })) {
    current.push(Number(item.id));
  }
  const wanted = desired.filter((id) => current.includes(id));
  const order = current.filter((id) => wanted.includes(id));
  for (let i = 1; i < wanted.length; i++) {
    if (order[i] === wanted[i]) continue;
    const id = wanted[i] as number;
    const after = wanted[i - 1] as number;
    await ctx.client.octokit.request(
      "PATCH /repos/{owner}/{repo}/issues/{issue_number}/sub_issues/priority",
      {
        owner: ctx.target.owner,
        repo: ctx.target.repo,
        issue_number: parentNumber,
        sub_issue_id: id,
        after_id: after,
        request: { signal: ctx.signal },
      },
    );
    order.splice(order.indexOf(id), 1);
    order.splice(order.indexOf(after) + 1, 0, id);
  }
}

async function restoreSubIssues(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const all: SubIssueRecord[] = [];
  for await (const link of ctx.readRecords<SubIssueRecord>(SUB_ISSUES_FILE)) all.push(link);
  const depth = levels(all);
  const links = all
    .filter((l) => issueSelected(ctx, l.parent_number) || issueSelected(ctx, l.sub_issue_number))
    .sort(
      (a, b) =>
        (depth.get(a.sub_issue_number) ?? 0) - (depth.get(b.sub_issue_number) ?? 0) ||
        a.parent_number - b.parent_number ||
        a.position - b.position,
    );
  const counters: Counters = { result, linkedChildren: new Map() };
  const childrenSeen = new Map<number, number>();
  const unrestored: string[] = [];
  /** Parents (new numbers) that got a child after children linked by an earlier run. */
  const reordered = new Set<number>();
  let done = 0;

  for (const link of links) {
    const key = linkKey(link);
    const where = `sub-issue link #${link.parent_number} → #${link.sub_issue_number}`;
    ctx.progress({ items: done++, total: links.length });
    const siblings = (childrenSeen.get(link.parent_number) ?? 0) + 1;
    childrenSeen.set(link.parent_number, siblings);
    if (ctx.journal.get("sub_issue", key)) {
      result.skipped++;
      continue;
    }
    if (link.sub_issue_repository) {
      ctx.warn(`${where}: the child lives in ${link.sub_issue_repository}, another repository; not linked`);
      result.skipped++;
      continue;
    }
    const level = depth.get(link.sub_issue_number);
    if (level === null || level === undefined) {
      ctx.warn(`${where}: part of a cycle in the saved tree; not linked`);
      result.skipped++;
      continue;
    }
    if (level > MAX_LEVELS) {
      ctx.itemFailed(`${where}: would nest ${level} levels deep, GitHub allows ${MAX_LEVELS}`);
      result.failed++;
      continue;
    }
    if (siblings > MAX_CHILDREN) {
      ctx.itemFailed(
        `${where}: #${link.parent_number} would get more than ${MAX_CHILDREN} sub-issues, GitHub's limit`,
      );
      result.failed++;
      continue;
    }
    const parent = ctx.journal.byNumber("issue", link.parent_number);
    const child = ctx.journal.byNumber("issue", link.sub_issue_number);
    if (ctx.options.dryRun) {
      // Both ends must exist by then: restored earlier, or created by this run's issues job.
      const exists = (n: number) =>
        ctx.journal.byNumber("issue", n)?.newNumber !== undefined ||
        (ctx.selection.entities.has("issues") && issueSelected(ctx, n));
      const linked = exists(link.parent_number) && exists(link.sub_issue_number);
      ctx.plan({
        entity: "sub_issues",
        action: linked ? "create" : "skip",
        what: `link #${link.parent_number} → #${link.sub_issue_number}${linked ? "" : " (an end is not restored)"}`,
        contentCreating: linked,
      });
      continue;
    }
    if (parent?.newNumber === undefined || child?.newId === undefined) {
      unrestored.push(`#${link.parent_number} → #${link.sub_issue_number}`);
      result.skipped++;
      continue;
    }
    try {
      if (ctx.mayHaveRestoredObjects) {
        const linked = await linkedIds(ctx, counters.linkedChildren, parent.newNumber);
        if (linked.has(child.newId)) {
          await ctx.journal.record({ kind: "sub_issue", key, outcome: "adopted" });
          result.records++;
          continue;
        }
      }
      await ctx.client.octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/sub_issues", {
        owner: ctx.target.owner,
        repo: ctx.target.repo,
        issue_number: parent.newNumber,
        sub_issue_id: child.newId,
        request: { signal: ctx.signal },
      });
      const linkedBefore = counters.linkedChildren.get(parent.newNumber);
      if (linkedBefore && linkedBefore.size > 0) reordered.add(parent.newNumber);
      linkedBefore?.add(child.newId);
      await ctx.journal.record({ kind: "sub_issue", key, outcome: "created" });
      result.records++;
    } catch (error) {
      rethrowIfAborted(error, ctx.signal);
      const reason = problemsWith(error, "sub_issue_id")[0]?.message;
      ctx.itemFailed(`${where}: ${reason ?? failureText(error, ctx.client.redact)}`);
      result.failed++;
    }
  }
  // On a rerun, links made now may sit after siblings linked earlier: restore the saved order.
  for (const [parentNumber, linked] of counters.linkedChildren) {
    if (!reordered.has(parentNumber) || linked.size < 2) continue;
    const original = ctx.journal.entries("issue").find((e) => e.newNumber === parentNumber)?.originalNumber;
    const desired = all
      .filter((l) => l.parent_number === original && !l.sub_issue_repository)
      .sort((a, b) => a.position - b.position)
      .map((l) => ctx.journal.byNumber("issue", l.sub_issue_number)?.newId)
      .filter((id): id is number => id !== undefined);
    try {
      await reorder(ctx, parentNumber, desired);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.warn(
        `could not restore the order of #${original}'s sub-issues: ${failureText(error, ctx.client.redact)}`,
      );
    }
  }
  if (unrestored.length > 0) {
    const shown = unrestored.slice(0, 10).join(", ");
    ctx.warn(
      `${unrestored.length} link(s) skipped because an end was not restored: ${shown}${unrestored.length > 10 ? " …" : ""}`,
    );
  }
  ctx.progress({ items: done, total: links.length });
  return result;
}

export const subIssuesRestorer: EntityRestorer = {
  name: "sub_issues",
  dependsOn: ["issues"],
  files: [SUB_ISSUES_FILE],
  restore: restoreSubIssues,
};
