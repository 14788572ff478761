// After a pull request (or the issue standing in for it) exists: labels,
// milestone (its new number), assignees and the closed state in one issue
// update, then the lock with its original reason. Every step sets an absolute
// state, so running it again after an interruption is harmless. A 422 naming
// an assignee or the milestone drops that field (with a warning) and retries.

import type { RestoreContext } from "../../restore/types.js";
import { problemsWith } from "../../restore/validation.js";
import type { PullRequestRecord } from "./record.js";

const LOCK_REASONS = new Set(["off-topic", "too heated", "resolved", "spam"]);

/** Logins GitHub refused as assignees in this run (lower-case), so each is tried once. */
export type Unassignable = Set<string>;

/** The fields of the issue update that reproduce the PR's state (empty: nothing to change). */
export function settlePatch(
  ctx: RestoreContext,
  pr: PullRequestRecord,
  asIssue: boolean,
  unassignable: Unassignable,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  if (pr.labels.length > 0) patch.labels = pr.labels.map((l) => l.name);
  if (pr.milestone) {
    const mapped = ctx.journal.byNumber("milestone", pr.milestone.number)?.newNumber;
    if (mapped !== undefined) patch.milestone = mapped;
    else {
      ctx.warn(
        `pull request #${pr.number}: its milestone ${JSON.stringify(pr.milestone.title)} was not restored; left without a milestone`,
      );
    }
  }
  const assignees = pr.assignees.map((a) => a.login).filter((l) => !unassignable.has(l.toLowerCase()));
  if (assignees.length > 0) patch.assignees = assignees;
  if (pr.state === "closed") {
    patch.state = "closed";
    // A PR restored as an issue keeps how it ended as the issue's reason.
    if (asIssue) patch.state_reason = pr.merged_at ? "completed" : "not_planned";
  }
  return patch;
}

/** Removes what a 422 rejected from `patch`; false when the 422 is about something else. */
function dropRejected(
  ctx: RestoreContext,
  pr: PullRequestRecord,
  error: unknown,
  patch: Record<string, unknown>,
  unassignable: Unassignable,
): boolean {
  const where = `pull request #${pr.number}`;
  const assigneeProblems = [...problemsWith(error, "assignees"), ...problemsWith(error, "assignee")];
  if (assigneeProblems.length > 0 && Array.isArray(patch.assignees)) {
    const tried = patch.assignees as string[];
    const named = assigneeProblems.map((p) => p.value).filter((v): v is string => typeof v === "string");
    for (const login of named.length > 0 ? named : tried) {
      unassignable.add(login.toLowerCase());
      ctx.warn(
        `${where}: @${login} cannot be assigned in the target (no such user or no access); left unassigned`,
      );
    }
    const left = tried.filter((l) => !unassignable.has(l.toLowerCase()));
    if (left.length > 0) patch.assignees = left;
    else delete patch.assignees;
    return true;
  }
  if (problemsWith(error, "milestone").length > 0 && patch.milestone !== undefined) {
    ctx.warn(
      `${where}: GitHub rejected its milestone ${JSON.stringify(pr.milestone?.title)}; left without it`,
    );
    delete patch.milestone;
    return true;
  }
  return false;
}

export async function settlePull(
  ctx: RestoreContext,
  pr: PullRequestRecord,
  newNumber: number,
  asIssue: boolean,
  unassignable: Unassignable,
): Promise<void> {
  const target = { owner: ctx.target.owner, repo: ctx.target.repo, issue_number: newNumber };
  const patch = settlePatch(ctx, pr, asIssue, unassignable);
  for (let attempt = 0; Object.keys(patch).length > 0; attempt++) {
    try {
      await ctx.client.octokit.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", {
        ...target,
        ...patch,
        request: { signal: ctx.signal },
      });
      break;
    } catch (error) {
      if (attempt >= 3 || !dropRejected(ctx, pr, error, patch, unassignable)) throw error;
    }
  }
  if (pr.locked) {
    const reason = pr.active_lock_reason;
    await ctx.client.octokit.request("PUT /repos/{owner}/{repo}/issues/{issue_number}/lock", {
      ...target,
      ...(reason && LOCK_REASONS.has(reason) ? { lock_reason: reason as "off-topic" } : {}),
      request: { signal: ctx.signal },
    });
  }
}

/** A one-line description of the settle step, for a dry run (null: nothing to do). */
export function describeSettle(pr: PullRequestRecord): string | null {
  const parts: string[] = [];
  if (pr.labels.length > 0) parts.push(`${pr.labels.length} label(s)`);
  if (pr.milestone) parts.push(`milestone ${JSON.stringify(pr.milestone.title)}`);
  if (pr.assignees.length > 0) parts.push(`${pr.assignees.length} assignee(s)`);
  if (pr.state === "closed") parts.push(pr.merged_at ? "closed (was merged)" : "closed");
  if (pr.locked) parts.push(`locked${pr.active_lock_reason ? ` (${pr.active_lock_reason})` : ""}`);
  return parts.length > 0 ? parts.join(", ") : null;
}
