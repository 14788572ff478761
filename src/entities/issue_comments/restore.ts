// Restores issue comments in conversation order (creation time, then id),
// each under its issue's new number, with attribution and marker. Comments
// the Issue Import API brought along with their issue are in the journal
// already and are not created again; on a rerun, comments an interrupted run
// created without journalling them are adopted by their marker.
import { describeGitHubError } from "../../github/errors.js";
import { findMarked, listAll, type MarkedObject } from "../../restore/adopt.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { ISSUE_COMMENTS_FILE } from "./record.js";
import { renderComment, selectedComments } from "./restore-shared.js";

async function restoreIssueComments(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const comments = await selectedComments(ctx);
  const total = comments.length;
  const todo = comments.filter((c) => ctx.journal.get("issue_comment", String(c.id))?.newId === undefined);
  result.skipped += total - todo.length;

  const orphans = new Map<number, number>();
  let marked = new Map<string, MarkedObject>();
  if (todo.length > 0 && ctx.mayHaveRestoredObjects && !ctx.options.dryRun) {
    marked = await findMarked("issue_comment", listAll(ctx, "GET /repos/{owner}/{repo}/issues/comments"));
  }

  let done = total - todo.length;
  for (const comment of todo) {
    const key = String(comment.id);
    const parent = ctx.journal.byNumber("issue", comment.issue_number)?.newNumber;
    if (ctx.options.dryRun) {
      const issueEntry = ctx.journal.byNumber("issue", comment.issue_number);
      const imported =
        ctx.useImportApi && ctx.selection.entities.has("issues") && issueEntry?.newNumber === undefined;
      ctx.plan({
        entity: "issue_comments",
        action: imported ? "skip" : "create",
        what: `comment ${comment.id} on issue #${comment.issue_number}${imported ? " (imported with its issue)" : ""}`,
        contentCreating: !imported,
      });
      continue;
    }
    if (parent === undefined) {
      orphans.set(comment.issue_number, (orphans.get(comment.issue_number) ?? 0) + 1);
      result.skipped++;
      continue;
    }
    try {
      const found = marked.get(key);
      if (found) {
        await ctx.journal.record({
          kind: "issue_comment",
          key,
          newId: found.id,
          parentNumber: parent,
          outcome: "adopted",
          pendingRefs: ctx.bodies.pendingRefsOf(found.body),
        });
      } else {
        const rendered = renderComment(ctx, comment);
        const response = await ctx.client.octokit.request(
          "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
          {
            owner: ctx.target.owner,
            repo: ctx.target.repo,
            issue_number: parent,
            body: rendered.body,
            request: { signal: ctx.signal },
          },
        );
        await ctx.journal.record({
          kind: "issue_comment",
          key,
          newId: (response.data as { id: number }).id,
          parentNumber: parent,
          outcome: "created",
          pendingRefs: rendered.pendingRefs,
        });
      }
      result.records++;
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.itemFailed(
        `comment ${comment.id} on issue #${comment.issue_number}: ${describeGitHubError(error, ctx.client.redact)}`,
      );
      result.failed++;
    }
    ctx.progress({ items: ++done, total });
  }
  if (orphans.size > 0) {
    const numbers = [...orphans.keys()].sort((a, b) => a - b);
    const count = [...orphans.values()].reduce((a, b) => a + b, 0);
    const shown = numbers
      .slice(0, 20)
      .map((n) => `#${n}`)
      .join(", ");
    ctx.warn(
      `${count} comment(s) skipped: their issue${numbers.length === 1 ? "" : "s"} ${shown}${numbers.length > 20 ? " …" : ""} ${numbers.length === 1 ? "was" : "were"} not restored`,
    );
  }
  return result;
}

export const issueCommentsRestorer: EntityRestorer = {
  name: "issue_comments",
  dependsOn: ["issues"],
  files: [ISSUE_COMMENTS_FILE],
  restore: restoreIssueComments,
};
