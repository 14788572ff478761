// Restores pull requests in ascending number order, after the git push: each
// is recreated from its branches, from its saved commits on restore branches,
// or as an issue (open-pull.ts), then labelled, closed and locked
// (settle-pull.ts). The journal maps original → new numbers as soon as GitHub
// confirms each one; a PR whose follow-up steps did not finish is settled on
// the next run, and one created by a crashed run is found by its marker.

import { adoptedContinued, Continuations, planContinuations } from "../../restore/continuations.js";
import { failItem, failureText, rethrowIfAborted } from "../../restore/error-text.js";
import { MarkerIndex } from "../../restore/marker-index.js";
import { AS_ISSUE_NOTE, isIssueEntry } from "../../restore/restored-parent.js";
import type {
  EntityRestoreResult,
  EntityRestorer,
  JournalEntry,
  RestoreContext,
} from "../../restore/types.js";
import { selectionHas } from "../../selection/number-spec.js";
import { headBranchUsable, openPull, predictRoute } from "./open-pull.js";
import { PULL_REQUESTS_FILE, type PullRequestRecord } from "./record.js";
import { headRestoreBranch, removeRestoreBranches, TargetBranches } from "./restore-branches.js";
import { describeSettle, settlePull, type Unassignable } from "./settle-pull.js";

/** Journal note of a PR created but not yet labelled/closed/locked; the rest of the note says how it was made. */
export const SETTLE_PENDING = "settling: ";

type Outcome = "restored" | "skipped";

async function readPulls(ctx: RestoreContext): Promise<PullRequestRecord[]> {
  const pulls: PullRequestRecord[] = [];
  for await (const pr of ctx.readRecords<PullRequestRecord>(PULL_REQUESTS_FILE)) {
    if (selectionHas(ctx.selection.pullRequests, pr.number)) pulls.push(pr);
  }
  return pulls.sort((a, b) => a.number - b.number);
}

function needsWork(ctx: RestoreContext, pr: PullRequestRecord): boolean {
  const entry = ctx.journal.get("pull_request", String(pr.id));
  return entry === undefined || entry.note?.startsWith(SETTLE_PENDING) === true;
}

async function settleAndFinish(
  ctx: RestoreContext,
  pr: PullRequestRecord,
  entry: Pick<JournalEntry, "newNumber" | "outcome" | "note">,
  job: PullJob,
): Promise<void> {
  const newNumber = entry.newNumber as number;
  // The rest of a long description comes right after it (the parts do not depend on the attribution).
  await job.continuations.post(newNumber, "pull_request", String(pr.id), pr.body);
  await settlePull(ctx, pr, newNumber, isIssueEntry(entry), job.unassignable);
  const how = entry.note?.startsWith(SETTLE_PENDING) ? entry.note.slice(SETTLE_PENDING.length) : entry.note;
  await ctx.journal.record({
    kind: "pull_request",
    key: String(pr.id),
    outcome: entry.outcome,
    note: how || `restored as #${newNumber}`,
  });
}

async function planOne(ctx: RestoreContext, branches: TargetBranches, pr: PullRequestRecord): Promise<void> {
  const entry = ctx.journal.get("pull_request", String(pr.id));
  if (!entry) {
    const route = await predictRoute(ctx, branches, pr);
    ctx.plan({
      entity: "pull_requests",
      action: "create",
      what: `pull request #${pr.number} ${route}`,
      contentCreating: true,
    });
    const parts = ctx.bodies.continuationsOf(pr.body, { kind: "pull_request", originalId: String(pr.id) });
    planContinuations(ctx, "pull_requests", `pull request #${pr.number}`, parts.length);
  }
  const settle = describeSettle(pr);
  if (settle) {
    ctx.plan({
      entity: "pull_requests",
      action: "update",
      what: `pull request #${pr.number}: ${settle}`,
      contentCreating: false,
    });
  }
}

interface PullJob {
  branches: TargetBranches;
  index: MarkerIndex;
  unassignable: Unassignable;
  continuations: Continuations;
}

async function restoreOne(ctx: RestoreContext, job: PullJob, pr: PullRequestRecord): Promise<Outcome> {
  const key = String(pr.id);
  const entry = ctx.journal.get("pull_request", key);
  if (entry?.newNumber !== undefined) {
    if (!entry.note?.startsWith(SETTLE_PENDING)) return "skipped";
    await settleAndFinish(ctx, pr, entry, job);
    return "restored";
  }
  const found = await job.index.find(key);
  if (found?.number !== undefined) {
    const asIssue = found.item.pull_request === undefined;
    const adopted: JournalEntry = {
      kind: "pull_request",
      key,
      originalNumber: pr.number,
      newNumber: found.number,
      newId: found.id,
      outcome: asIssue ? "restored-as-issue" : "adopted",
      ...adoptedContinued(ctx, found.body, pr.body, "pull_request", key),
      note: `${SETTLE_PENDING}${asIssue ? AS_ISSUE_NOTE : "restored as"} #${found.number} (adopted: created by an interrupted run)`,
    };
    await ctx.journal.record(adopted);
    await settleAndFinish(ctx, pr, adopted, job);
    return "restored";
  }
  const opened = await openPull(ctx, job.branches, pr);
  const how =
    opened.route.kind === "issue"
      ? `${AS_ISSUE_NOTE} #${opened.number}: ${opened.route.reason}`
      : opened.route.kind === "restore-branch"
        ? `restored as #${opened.number} from ${opened.route.head} into ${opened.route.base}`
        : `restored as #${opened.number}`;
  const created: JournalEntry = {
    kind: "pull_request",
    key,
    originalNumber: pr.number,
    newNumber: opened.number,
    newId: opened.id,
    outcome: opened.asIssue ? "restored-as-issue" : "created",
    pendingRefs: opened.pendingRefs,
    ...(opened.continued ? { continued: opened.continued } : {}),
    note: `${SETTLE_PENDING}${how}`,
  };
  await ctx.journal.record(created);
  if (opened.asIssue) ctx.warn(`pull request #${pr.number} ${how}`);
  await settleAndFinish(ctx, pr, created, job);
  return "restored";
}

async function restorePulls(ctx: RestoreContext, pulls: PullRequestRecord[]): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const todo = pulls.filter((pr) => needsWork(ctx, pr));
  result.skipped = pulls.length - todo.length;
  if (todo.length === 0) return result;
  const branches = await TargetBranches.open(ctx);
  try {
    if (ctx.options.dryRun) {
      for (const pr of todo) await planOne(ctx, branches, pr);
      return result;
    }
    const index = new MarkerIndex(ctx, "pull_request", "GET /repos/{owner}/{repo}/issues", {
      params: { state: "all" },
    });
    // Restore branches for every PR whose own branch is gone, pushed together;
    // if that fails, each PR tries its own branch again and reports its own failure.
    // A PR an earlier run created (found by its marker) needs none: its branch may
    // have been deleted on purpose once it was closed.
    const wanted: Array<{ name: string; sha: string }> = [];
    for (const pr of todo) {
      if (ctx.journal.get("pull_request", String(pr.id)) !== undefined) continue;
      if (pr.head.sha === "" || headBranchUsable(ctx, branches, pr)) continue;
      if (await index.find(String(pr.id))) continue;
      wanted.push({ name: headRestoreBranch(pr.number), sha: pr.head.sha });
    }
    await branches.pushMany(wanted).catch((error: unknown) => {
      rethrowIfAborted(error, ctx.signal);
      ctx.log.warn(
        `pushing restore branches together failed; trying them one by one: ${failureText(error, ctx.client.redact)}`,
      );
    });
    const job: PullJob = {
      branches,
      index,
      unassignable: new Set(),
      continuations: new Continuations(ctx),
    };
    let done = 0;
    for (const pr of todo) {
      ctx.signal.throwIfAborted();
      try {
        if ((await restoreOne(ctx, job, pr)) === "restored") result.records++;
        else result.skipped++;
      } catch (error) {
        failItem(ctx, result, `pull request #${pr.number}`, error);
      }
      ctx.progress({ items: ++done, total: todo.length });
    }
    return result;
  } finally {
    await branches.close();
  }
}

export const pullRequestsRestorer: EntityRestorer = {
  name: "pull_requests",
  // Milestones and labels first (their new numbers and colours), issues first so
  // numbers come out in the same order on every run; the git push brings the branches.
  dependsOn: ["git_repo", "labels", "milestones", "issues"],
  files: [PULL_REQUESTS_FILE],
  async restore(ctx) {
    const pulls = await readPulls(ctx);
    const result = await restorePulls(ctx, pulls);
    await removeRestoreBranches(
      ctx,
      pulls
        .filter((pr) => pr.state === "closed")
        .map((pr) => ({ number: pr.number, settled: !needsWork(ctx, pr) })),
    );
    return result;
  },
};
