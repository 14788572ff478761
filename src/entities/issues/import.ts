// Creating an issue with the Issue Import API: the issue and its comments in
// one request, keeping their original creation (and close) times and sending
// no notifications. The request is journalled as soon as GitHub accepts it,
// so a rerun polls that import instead of sending a second one; numbers are
// assigned when an import completes, so each is awaited before the next.
import { statusOf } from "../../github/errors.js";
import { failureText } from "../../restore/error-text.js";
import { listAll } from "../../restore/list-target.js";
import { adoptableOriginal } from "../../restore/marker-index.js";
import { restoringLogin } from "../../restore/restoring-account.js";
import { IMPORT_API_ACCEPT } from "../../restore/target.js";
import type { RenderedBody, RestoreContext } from "../../restore/types.js";
import { sleep } from "../../util/sleep.js";
import type { IssueCommentRecord } from "../issue_comments/record.js";
import { type CreatedIssue, issueTitle, mappedMilestone } from "./create.js";
import { closingReason, issueStateOf } from "./issue-state.js";
import type { IssueRecord } from "./record.js";
import type { TargetLabels } from "./target-labels.js";

/** The gist's limit is 1 MB per request; stay below it. */
export const MAX_IMPORT_BYTES = 1_000_000;
const POLL_DELAYS_MS = [0, 100, 250, 500, 1000, 2000, 3000, 5000];
const POLL_LIMIT_MS = 15 * 60_000;

/** The token may not import here after all (403/404/415): use the normal endpoints. */
export class ImportUnavailableError extends Error {}

export interface CommentToImport {
  record: IssueCommentRecord;
  rendered: RenderedBody;
}

export type ImportOutcome =
  | { kind: "imported"; created: CreatedIssue; comments: number }
  | { kind: "failed"; reason: string };

/** Imported issues are closed at import only with GitHub's default reason; other reasons are set afterwards. */
export function importClosed(record: IssueRecord): boolean {
  const reason = closingReason(record);
  return record.state === "closed" && (reason === null || reason === "completed");
}

interface ImportStatus {
  status: string;
  issueNumber: number | null;
  errors: unknown[];
}

function statusOfImport(data: unknown): ImportStatus {
  const d = (data ?? {}) as Record<string, unknown>;
  const url = typeof d.issue_url === "string" ? d.issue_url : "";
  const match = /\/issues\/(\d+)$/.exec(url);
  return {
    status: String(d.status ?? "pending"),
    issueNumber: match ? Number(match[1]) : null,
    errors: Array.isArray(d.errors) ? d.errors : [],
  };
}

async function waitForImport(ctx: RestoreContext, importId: number): Promise<ImportStatus> {
  const started = Date.now();
  for (let i = 0; ; i++) {
    await sleep(POLL_DELAYS_MS[Math.min(i, POLL_DELAYS_MS.length - 1)] as number, ctx.signal);
    const response = await ctx.client.octokit.request("GET /repos/{owner}/{repo}/import/issues/{import_id}", {
      owner: ctx.target.owner,
      repo: ctx.target.repo,
      import_id: importId,
      headers: { accept: IMPORT_API_ACCEPT },
      request: { signal: ctx.signal },
    });
    const status = statusOfImport(response.data);
    if (status.status !== "pending") return status;
    if (Date.now() - started > POLL_LIMIT_MS) {
      return { status: "failed", issueNumber: null, errors: ["the import did not finish within 15 minutes"] };
    }
  }
}

/** Journals the imported issue and the comments that came with it (found by their markers). */
async function afterImport(
  ctx: RestoreContext,
  record: IssueRecord,
  number: number,
  pendingRefs: number[] | null,
  expectComments: boolean,
): Promise<{ created: CreatedIssue; comments: number }> {
  const response = await ctx.client.octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}", {
    owner: ctx.target.owner,
    repo: ctx.target.repo,
    issue_number: number,
    request: { signal: ctx.signal },
  });
  const data = response.data as { id: number; number: number; body?: string | null };
  await ctx.journal.record({
    kind: "issue",
    key: String(record.id),
    originalNumber: record.number,
    newId: data.id,
    newNumber: data.number,
    outcome: "created",
    note: "imported",
    pendingRefs: pendingRefs ?? ctx.bodies.pendingRefsOf(data.body),
  });
  let comments = 0;
  if (expectComments) {
    const login = await restoringLogin(ctx.client, ctx.signal);
    for await (const item of listAll(ctx, "GET /repos/{owner}/{repo}/issues/{issue_number}/comments", {
      issue_number: number,
    })) {
      const original = adoptableOriginal(item, "issue_comment", login);
      const body = typeof item.body === "string" ? item.body : null;
      if (original === null || ctx.journal.get("issue_comment", original)?.newId !== undefined) continue;
      await ctx.journal.record({
        kind: "issue_comment",
        key: original,
        newId: Number(item.id),
        parentNumber: number,
        outcome: "created",
        note: "imported with its issue",
        pendingRefs: ctx.bodies.pendingRefsOf(body),
      });
      comments++;
    }
  }
  return { created: { id: data.id, number: data.number, state: issueStateOf(response.data) }, comments };
}

function describeImportErrors(errors: unknown[]): string {
  if (errors.length === 0) return "no reason given";
  return errors
    .map((e) => {
      if (typeof e === "string") return e;
      const o = (e ?? {}) as Record<string, unknown>;
      return `${String(o.field ?? o.resource ?? "?")} ${String(o.code ?? "invalid")}${o.value !== undefined ? ` (${String(o.value)})` : ""}`;
    })
    .join("; ");
}

async function settle(
  ctx: RestoreContext,
  record: IssueRecord,
  importId: number,
  pendingRefs: number[] | null,
  expectComments: boolean,
): Promise<ImportOutcome> {
  const status = await waitForImport(ctx, importId);
  if (status.status === "imported" && status.issueNumber !== null) {
    return {
      kind: "imported",
      ...(await afterImport(ctx, record, status.issueNumber, pendingRefs, expectComments)),
    };
  }
  await ctx.journal.record({
    kind: "issue_import",
    key: String(record.id),
    outcome: "skipped",
    note: "import failed",
  });
  return { kind: "failed", reason: describeImportErrors(status.errors) };
}

/** Continues an import a previous run started (journal), or null when there is none to continue. */
export async function resumeImport(ctx: RestoreContext, record: IssueRecord): Promise<ImportOutcome | null> {
  const entry = ctx.journal.get("issue_import", String(record.id));
  if (!entry || entry.outcome === "skipped" || entry.newId === undefined) return null;
  try {
    return await settle(ctx, record, entry.newId, null, true);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/**
 * The import request of one issue with its comments: as many of them as keep
 * it under the 1 MB limit (the rest go through the normal endpoint later, in
 * the comments job).
 */
export function importRequest(
  ctx: RestoreContext,
  record: IssueRecord,
  rendered: RenderedBody,
  comments: readonly CommentToImport[],
): { payload: () => Record<string, unknown>; sent: CommentToImport[] } {
  const milestone = mappedMilestone(ctx, record);
  const closed = importClosed(record);
  const issue: Record<string, unknown> = {
    title: issueTitle(record),
    body: rendered.body,
    created_at: record.created_at,
    updated_at: record.updated_at,
    closed,
    labels: record.labels.map((l) => l.name),
  };
  if (closed && record.closed_at) issue.closed_at = record.closed_at;
  if (milestone !== undefined) issue.milestone = milestone;
  const sent = [...comments];
  const payload = () => ({
    issue,
    comments: sent.map((c) => ({ body: c.rendered.body, created_at: c.record.created_at })),
  });
  while (sent.length > 0 && Buffer.byteLength(JSON.stringify(payload()), "utf8") > MAX_IMPORT_BYTES)
    sent.pop();

  return { payload, sent };
}

export async function importIssue(
  ctx: RestoreContext,
  record: IssueRecord,
  rendered: RenderedBody,
  comments: CommentToImport[],
  labels: TargetLabels,
): Promise<ImportOutcome> {
  await labels.ensure(record.labels);
  const { payload, sent } = importRequest(ctx, record, rendered, comments);

  let importId: number;
  try {
    const response = await ctx.client.octokit.request("POST /repos/{owner}/{repo}/import/issues", {
      owner: ctx.target.owner,
      repo: ctx.target.repo,
      ...payload(),
      headers: { accept: IMPORT_API_ACCEPT },
      request: { signal: ctx.signal },
    });
    importId = Number((response.data as { id?: unknown }).id);
  } catch (error) {
    const status = statusOf(error);
    if (status === 403 || status === 404 || status === 415) {
      throw new ImportUnavailableError(failureText(error, ctx.client.redact));
    }
    if (status === 422 || status === 413) {
      return { kind: "failed", reason: failureText(error, ctx.client.redact) };
    }
    throw error;
  }
  await ctx.journal.record({
    kind: "issue_import",
    key: String(record.id),
    newId: importId,
    outcome: "created",
  });
  return settle(ctx, record, importId, rendered.pendingRefs, sent.length > 0);
}
