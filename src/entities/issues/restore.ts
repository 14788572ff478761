// Restores issues in ascending original number — through the Issue Import API
// when this run may use it (original times, no notifications, comments
// included), otherwise through the normal endpoint — then applies what
// creation cannot: assignees, the closed state with its reason, the lock.
// Every issue is journalled the moment it exists; a rerun adopts issues an
// interrupted run created but could not journal (hidden marker), and finishes
// the follow-up steps of issues it left unfinished.
import { isGone } from "../../github/errors.js";
import { attributionLines } from "../../restore/attribution.js";
import {
  adoptedContinued,
  Continuations,
  continuedEntry,
  planContinuations,
} from "../../restore/continuations.js";
import { failItem, rethrowIfAborted } from "../../restore/error-text.js";
import { MarkerIndex } from "../../restore/marker-index.js";
import { issueSelected } from "../../restore/selection.js";
import { IMPORT_API_ACCEPT } from "../../restore/target.js";
import type {
  EntityRestoreResult,
  EntityRestorer,
  RenderedBody,
  RestoreContext,
} from "../../restore/types.js";
import { sleep } from "../../util/sleep.js";
import type { IssueCommentRecord } from "../issue_comments/record.js";
import { renderComment, selectedComments } from "../issue_comments/restore-shared.js";
import { createIssueRest } from "./create.js";
import { finishIssue, type Unassignable } from "./finish.js";
import {
  type CommentToImport,
  ImportUnavailableError,
  importIssue,
  importRequest,
  resumeImport,
} from "./import.js";
import { commentsInImports } from "./import-plan.js";
import { type IssueState, issueStateOf } from "./issue-state.js";
import { ISSUES_FILE, type IssueRecord } from "./record.js";
import { TargetLabels } from "./target-labels.js";

export function renderIssue(ctx: RestoreContext, record: IssueRecord): RenderedBody {
  const closed = record.state === "closed";
  return ctx.bodies.render(record.body, {
    kind: "issue",
    originalId: String(record.id),
    attribution: attributionLines({
      what: "Originally",
      number: record.number,
      author: record.user,
      createdAt: record.created_at,
      closedAt: closed ? record.closed_at : null,
      closedBy: closed ? record.closed_by : null,
      stateReason: closed ? record.state_reason : null,
      url: record.html_url || null,
    }),
  });
}

async function readSelected(ctx: RestoreContext): Promise<IssueRecord[]> {
  const records: IssueRecord[] = [];
  for await (const r of ctx.readRecords<IssueRecord>(ISSUES_FILE))
    if (issueSelected(ctx, r.number)) records.push(r);
  return records.sort((a, b) => a.number - b.number);
}

/** Waits for imports an interrupted run may have left pending, so their issues show up in the list. */
async function settlePendingImports(ctx: RestoreContext): Promise<void> {
  const since = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 60; i++) {
    const response = await ctx.client.octokit.request("GET /repos/{owner}/{repo}/import/issues", {
      owner: ctx.target.owner,
      repo: ctx.target.repo,
      since,
      headers: { accept: IMPORT_API_ACCEPT },
      request: { signal: ctx.signal },
    });
    const list = Array.isArray(response.data) ? (response.data as Array<{ status?: unknown }>) : [];
    if (!list.some((i) => i.status === "pending")) return;
    await sleep(1000, ctx.signal);
  }
}

/** Issues of the target an earlier run created, by original id (listed only when a previous run may have left some). */
function markedIssues(ctx: RestoreContext): MarkerIndex {
  return new MarkerIndex(ctx, "issue", "GET /repos/{owner}/{repo}/issues", {
    params: { state: "all" },
    accept: (item) => item.pull_request === undefined,
    before: async () => {
      if (ctx.useImportApi) await settlePendingImports(ctx);
    },
  });
}

async function currentState(ctx: RestoreContext, number: number): Promise<IssueState> {
  const response = await ctx.client.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: ctx.target.owner,
    repo: ctx.target.repo,
    issue_number: number,
    request: { signal: ctx.signal },
  });
  return issueStateOf(response.data);
}

/** Comments to send with each issue's import: the selected ones not restored yet. */
async function commentsByIssue(ctx: RestoreContext): Promise<Map<number, IssueCommentRecord[]>> {
  const byIssue = new Map<number, IssueCommentRecord[]>();
  if (!ctx.selection.entities.has("issue_comments")) return byIssue;
  for (const c of await selectedComments(ctx)) {
    if (ctx.journal.get("issue_comment", String(c.id))?.newId !== undefined) continue;
    const list = byIssue.get(c.issue_number) ?? [];
    list.push(c);
    byIssue.set(c.issue_number, list);
  }
  return byIssue;
}

/** The comments to send with an issue's import, rendered; null when its text or a comment's needs continuations. */
function importable(
  ctx: RestoreContext,
  rendered: RenderedBody,
  comments: readonly IssueCommentRecord[],
): CommentToImport[] | null {
  const withComments = comments.map((c) => ({ record: c, rendered: renderComment(ctx, c) }));
  // An import carries one body per item: a text that needs continuations goes through the plain endpoints.
  const fits = [rendered, ...withComments.map((c) => c.rendered)].every((r) => r.continuations.length === 0);
  return fits ? withComments : null;
}

/** Dry run: one request per issue (an import carries its comments), plus the continuations of a long text. */
async function planIssues(ctx: RestoreContext, records: readonly IssueRecord[]): Promise<void> {
  const missing = records.filter((r) => ctx.journal.get("issue", String(r.id))?.newNumber === undefined);
  const comments =
    ctx.useImportApi && missing.length > 0
      ? await commentsByIssue(ctx)
      : new Map<number, IssueCommentRecord[]>();
  const travelling = commentsInImports(ctx);
  for (const r of records) {
    const known = ctx.journal.get("issue", String(r.id));
    if (known?.newNumber === undefined) {
      const rendered = renderIssue(ctx, r);
      const withComments = ctx.useImportApi ? importable(ctx, rendered, comments.get(r.number) ?? []) : null;
      if (withComments) {
        for (const c of importRequest(ctx, r, rendered, withComments).sent)
          travelling.add(String(c.record.id));
      }
      const what = `issue #${r.number}${withComments ? " (import)" : ""}`;
      ctx.plan({ entity: "issues", action: "create", what, contentCreating: true });
      planContinuations(ctx, "issues", what, rendered.continuations.length);
    } else if (!known.finished)
      ctx.plan({ entity: "issues", action: "update", what: `issue #${r.number}`, contentCreating: false });
    else ctx.plan({ entity: "issues", action: "skip", what: `issue #${r.number}`, contentCreating: false });
  }
}

async function restoreIssues(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const records = await readSelected(ctx);
  const total = records.length;
  const unassignable: Unassignable = new Set();
  const missing = records.filter((r) => ctx.journal.get("issue", String(r.id))?.newNumber === undefined);
  let useImport = ctx.useImportApi;

  if (ctx.options.dryRun) {
    await planIssues(ctx, records);
    return { records: 0, skipped: records.length - missing.length, failed: 0 };
  }

  const marked = markedIssues(ctx);
  const comments =
    useImport && missing.length > 0 ? await commentsByIssue(ctx) : new Map<number, IssueCommentRecord[]>();
  const labels = new TargetLabels(ctx);
  const continuations = new Continuations(ctx);

  let done = 0;
  for (const record of records) {
    const key = String(record.id);
    const where = `issue #${record.number}`;
    try {
      let entry = ctx.journal.get("issue", key);
      let state: IssueState | null = null;
      if (entry?.newNumber === undefined) {
        const found = await marked.find(key);
        if (found?.number !== undefined) {
          await ctx.journal.record({
            kind: "issue",
            key,
            originalNumber: record.number,
            newId: found.id,
            newNumber: found.number,
            outcome: "adopted",
            pendingRefs: ctx.bodies.pendingRefsOf(found.body),
            ...adoptedContinued(ctx, found.body, record.body, "issue", key),
          });
          state = issueStateOf(found.item);
          result.records++;
        } else {
          let created = false;
          const rendered = renderIssue(ctx, record);
          const withComments = importable(ctx, rendered, comments.get(record.number) ?? []);
          if (useImport && withComments) {
            try {
              const outcome =
                (await resumeImport(ctx, record)) ??
                (await importIssue(ctx, record, rendered, withComments, labels));
              if (outcome.kind === "imported") {
                state = outcome.created.state;
                created = true;
              } else {
                ctx.warn(
                  `${where}: the Issue Import API refused it (${outcome.reason}); creating it through the normal endpoint`,
                );
              }
            } catch (error) {
              if (!(error instanceof ImportUnavailableError)) throw error;
              ctx.warn(
                `the Issue Import API is not available after all (${error.message}); using the normal endpoints`,
              );
              useImport = false;
            }
          }
          if (!created) {
            const made = await createIssueRest(ctx, record, rendered, unassignable);
            await ctx.journal.record({
              kind: "issue",
              key,
              originalNumber: record.number,
              newId: made.id,
              newNumber: made.number,
              outcome: "created",
              pendingRefs: rendered.pendingRefs,
              ...continuedEntry(rendered),
            });
            state = made.state;
          }
          result.records++;
        }
        entry = ctx.journal.get("issue", key);
      } else if (entry.finished) {
        result.skipped++;
      }
      if (entry?.newNumber !== undefined && !entry.finished) {
        // The rest of a long body comes right after it, before the issue's comments.
        await continuations.post(entry.newNumber, "issue", key, record.body);
        state ??= await currentState(ctx, entry.newNumber);
        await finishIssue(ctx, record, entry.newNumber, state, unassignable);
        await ctx.journal.record({ kind: "issue", key, outcome: entry.outcome, finished: true });
      }
    } catch (error) {
      rethrowIfAborted(error, ctx.signal);
      // Issues switched off in the target: every other issue would fail the same way.
      if (isGone(error))
        throw new Error(`issues are disabled in ${ctx.target.owner}/${ctx.target.repo} (410)`);
      failItem(ctx, result, where, error);
    }
    ctx.progress({ items: ++done, total });
  }
  return result;
}

export const issuesRestorer: EntityRestorer = {
  name: "issues",
  dependsOn: ["labels", "milestones"],
  files: [ISSUES_FILE],
  restore: restoreIssues,
};
