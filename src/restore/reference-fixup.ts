// The references pass, run after every job that writes bodies: a body created
// before the issue it mentions had its new number holds a placeholder
// (references.ts). Now that more numbers exist, each such body is read back,
// its placeholders resolved, and written again — only where something changed.
// A failure here leaves a readable, unlinked reference, so it is a warning.
import { BODY_ENDPOINTS, type EntityBodyEndpoint } from "../entities/index.js";
import { failureText } from "./error-text.js";
import { type ReferenceMap, resolvePending } from "./references.js";
import type { EntityRestoreResult, JournalEntry, RestoreContext } from "./types.js";

/** The job name of the references pass (not an entity: it has no file and no --include name). */
export const REFERENCES_JOB = "references";

/** Journal entries whose body waits for a number that now exists. */
export function entriesToFix(ctx: RestoreContext, refs: ReferenceMap): JournalEntry[] {
  return ctx.journal
    .entries()
    .filter(
      (e) => (e.pendingRefs ?? []).some((n) => refs.newNumberOf(n) !== undefined) && BODY_ENDPOINTS[e.kind],
    );
}

type Request = (route: string, params: Record<string, unknown>) => Promise<{ data: unknown }>;

export async function fixReferences(ctx: RestoreContext, refs: ReferenceMap): Promise<EntityRestoreResult> {
  const todo = entriesToFix(ctx, refs);
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const request = ctx.client.octokit.request as unknown as Request;
  const base = { owner: ctx.target.owner, repo: ctx.target.repo };
  let done = 0;
  for (const entry of todo) {
    const endpoint = BODY_ENDPOINTS[entry.kind] as EntityBodyEndpoint;
    if (ctx.options.dryRun) {
      ctx.plan({
        entity: endpoint.entity,
        action: "update",
        what: `references in ${entry.kind} ${entry.key}`,
        contentCreating: false,
      });
      continue;
    }
    const params = endpoint.params(entry);
    if (!params) {
      result.skipped++;
      continue;
    }
    try {
      const current = await request(endpoint.read, { ...base, ...params, request: { signal: ctx.signal } });
      const body = (current.data as { body?: unknown }).body;
      if (typeof body !== "string") {
        result.skipped++;
        continue;
      }
      const { text, changed, stillPending } = resolvePending(body, refs);
      if (changed) {
        await request(endpoint.write, { ...base, ...params, body: text, request: { signal: ctx.signal } });
        result.records++;
      } else result.skipped++;
      await ctx.journal.record({
        kind: entry.kind,
        key: entry.key,
        outcome: "updated",
        pendingRefs: stillPending,
      });
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.warn(
        `could not rewrite the references in ${entry.kind} ${entry.key}: ${failureText(error, ctx.client.redact)}`,
      );
      result.skipped++;
    }
    ctx.progress({ items: ++done, total: todo.length });
  }
  return result;
}
