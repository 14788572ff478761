// Recreates one pull request, taking the first route that works:
//   1. its own branches, when both exist in the target;
//   2. the saved head commit on a restore branch (the head branch or its fork
//      is gone, or GitHub refused route 1, e.g. an open PR already uses it);
//   3. the saved base commit on a restore branch, when the base is gone or
//      already contains the head ("No commits between …", as for a merged PR
//      whose base moved on);
//   4. an issue that says it was a pull request and why it is not one now.

import { isRefused, refusalText, rethrowIfAborted } from "../../restore/error-text.js";
import type { RestoreContext } from "../../restore/types.js";
import type { PullRequestRecord } from "./record.js";
import { type PullRoute, pullAttribution } from "./restore-attribution.js";
import { baseRestoreBranch, headRestoreBranch, type TargetBranches } from "./restore-branches.js";

export interface OpenedPull {
  number: number;
  id: number;
  asIssue: boolean;
  route: PullRoute;
  pendingRefs: number[];
  /** How many continuation comments its description needs (0: it fits). */
  continued: number;
}

type Attempt = { ok: true; opened: OpenedPull } | { ok: false; reason: string; noCommits: boolean };

const NO_COMMITS = /no commits between/i;

/** A PR from a branch of the backed-up repository itself (not from a fork). */
export function isOwnBranch(pr: PullRequestRecord): boolean {
  const head = pr.head.repo?.full_name;
  const base = pr.base.repo?.full_name;
  return head !== undefined && (base === undefined || head.toLowerCase() === base.toLowerCase());
}

/**
 * Whether the PR can be opened from its own head branch in the target. A
 * backup of the Python tool records no head repository: there the branch is
 * used when the target has one of that name at the head commit its mirror's
 * refs/pull/N/head gives (any, when it gives none).
 */
export function headBranchUsable(
  ctx: RestoreContext,
  branches: TargetBranches,
  pr: PullRequestRecord,
): boolean {
  if (!branches.has(pr.head.ref)) return false;
  if (isOwnBranch(pr)) return true;
  // A Python-format PR: its branch, when the target has it at the recorded head (or none is recorded).
  return (
    ctx.backupFormat === "python" &&
    pr.head.repo === null &&
    (pr.head.sha === "" || branches.heads.get(pr.head.ref) === pr.head.sha)
  );
}

function repo(ctx: RestoreContext) {
  return { owner: ctx.target.owner, repo: ctx.target.repo };
}

async function tryOpen(
  ctx: RestoreContext,
  pr: PullRequestRecord,
  head: string,
  base: string,
  notes: string[],
): Promise<Attempt> {
  const route: PullRoute =
    head === pr.head.ref && base === pr.base.ref
      ? { kind: "branches" }
      : { kind: "restore-branch", head, base };
  let draft = pr.draft;
  for (;;) {
    const rendered = ctx.bodies.render(pr.body, {
      kind: "pull_request",
      originalId: String(pr.id),
      attribution: pullAttribution(pr, route, notes),
    });
    try {
      const response = await ctx.client.octokit.request("POST /repos/{owner}/{repo}/pulls", {
        ...repo(ctx),
        title: pr.title,
        head,
        base,
        body: rendered.body,
        ...(draft ? { draft: true } : {}),
        request: { signal: ctx.signal },
      });
      return {
        ok: true,
        opened: {
          number: response.data.number,
          id: Number(response.data.id),
          asIssue: false,
          route,
          pendingRefs: rendered.pendingRefs,
          continued: rendered.continuations.length,
        },
      };
    } catch (error) {
      rethrowIfAborted(error, ctx.signal);
      if (!isRefused(error)) throw error;
      const text = refusalText(error, ctx.client.redact);
      // Some repositories (private ones on free plans) do not allow drafts: keep the PR, say it was one.
      if (draft && /draft/i.test(text)) {
        draft = false;
        notes.push("It was a draft; the target does not allow draft pull requests.");
        continue;
      }
      return { ok: false, reason: `GitHub refused it: ${text}`, noCommits: NO_COMMITS.test(text) };
    }
  }
}

async function openAsIssue(ctx: RestoreContext, pr: PullRequestRecord, reason: string): Promise<OpenedPull> {
  const route: PullRoute = { kind: "issue", reason: `it could not be restored as one: ${reason}` };
  const rendered = ctx.bodies.render(pr.body, {
    kind: "pull_request",
    originalId: String(pr.id),
    attribution: pullAttribution(pr, route),
  });
  const response = await ctx.client.octokit.request("POST /repos/{owner}/{repo}/issues", {
    ...repo(ctx),
    title: pr.title,
    body: rendered.body,
    request: { signal: ctx.signal },
  });
  return {
    number: response.data.number,
    id: Number(response.data.id),
    asIssue: true,
    route,
    pendingRefs: rendered.pendingRefs,
    continued: rendered.continuations.length,
  };
}

export async function openPull(
  ctx: RestoreContext,
  branches: TargetBranches,
  pr: PullRequestRecord,
): Promise<OpenedPull> {
  const headBranch = headRestoreBranch(pr.number);
  const baseBranch = baseRestoreBranch(pr.number);
  let head: string | null = headBranchUsable(ctx, branches, pr) ? pr.head.ref : null;
  let base: string | null = branches.has(pr.base.ref) ? pr.base.ref : null;
  let reason = "";
  const notes: string[] = [];
  const tried = new Set<string>();
  for (;;) {
    if (head === null) {
      const made = await branches.ensure(headBranch, pr.head.sha);
      if (!made.ok) {
        reason = reason
          ? `${reason}; a branch at the saved head commit could not be made either: ${made.reason}`
          : `its head branch \`${pr.head.ref}\` is gone and ${made.reason}`;
        break;
      }
      head = made.name;
    }
    if (base === null) {
      const made = await branches.ensure(baseBranch, pr.base.sha);
      if (!made.ok) {
        reason = reason
          ? `${reason}; a base branch at the saved base commit could not be made either: ${made.reason}`
          : `its base branch \`${pr.base.ref}\` is gone and ${made.reason}`;
        break;
      }
      base = made.name;
    }
    const attempt = `${head}\u0000${base}`;
    if (tried.has(attempt)) break;
    tried.add(attempt);
    const result = await tryOpen(ctx, pr, head, base, notes);
    if (result.ok) return result.opened;
    reason = result.reason;
    if (result.noCommits) {
      if (base === baseBranch) break;
      base = null;
    } else {
      if (head === headBranch) break;
      head = null;
    }
  }
  return openAsIssue(ctx, pr, reason);
}

/** What a dry run says about the route the PR would take. */
export async function predictRoute(
  ctx: RestoreContext,
  branches: TargetBranches,
  pr: PullRequestRecord,
): Promise<string> {
  const baseOk =
    branches.has(pr.base.ref) || (await branches.couldCreate(baseRestoreBranch(pr.number), pr.base.sha));
  if (headBranchUsable(ctx, branches, pr) && branches.has(pr.base.ref)) {
    return `from \`${pr.head.ref}\` into \`${pr.base.ref}\``;
  }
  if (baseOk && (await branches.couldCreate(headRestoreBranch(pr.number), pr.head.sha))) {
    return `from restore branch \`${headRestoreBranch(pr.number)}\` (head branch gone)`;
  }
  return "as an issue (its branches and commits are not available)";
}
