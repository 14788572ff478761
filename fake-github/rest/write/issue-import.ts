// The Issue Import API (GitHub-staff gist, "golden-comet" preview): an issue
// and its comments in one request, with their original timestamps. A request
// is accepted (202, pending) and runs when its status is next asked for;
// numbers are assigned then, in submission order.
import type { FakeRequest, RouteDef } from "../../http/types.js";
import { type FieldError, MutationError, notFound } from "../../store/mutations/errors.js";
import { completeImports, enqueueImport, type ImportPayload } from "../../store/mutations/issue-import.js";
import type { FakeIssueImport, FakeRepo, FakeStore } from "../../store/types.js";
import { notAccessible, requireWritableRepo, type WriteAccess } from "./access.js";
import { MAX_TEXT_CHARS, textLength } from "./body.js";
import { writeRoute } from "./route.js";

/** The gist's limit on one import request. */
export const MAX_IMPORT_BYTES = 1024 * 1024;

const docs = "issues/issues";

function requireImportAccess(req: FakeRequest, store: FakeStore): WriteAccess {
  const access = requireWritableRepo(req, store);
  if (!access.grant.importApi) throw new MutationError(403, notAccessible);
  return access;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

function isTimestamp(value: unknown): boolean {
  return typeof value === "string" && !Number.isNaN(Date.parse(value));
}

function normaliseTime(value: unknown): string | undefined {
  return typeof value === "string" ? `${new Date(Date.parse(value)).toISOString().slice(0, 19)}Z` : undefined;
}

type ImportFieldError = FieldError & { location: string };

/** Checks the request's shape up front (422), as the gist's synchronous validation does. */
function parsePayload(raw: unknown): ImportPayload {
  const errors: ImportFieldError[] = [];
  const fail = (
    location: string,
    resource: string,
    field: string,
    code: FieldError["code"],
    value?: unknown,
  ) => errors.push({ location, resource, field, code, ...(value === undefined ? {} : { value }) });
  if (!isRecord(raw) || !isRecord(raw.issue)) {
    throw new MutationError(422, "Validation Failed", [
      { resource: "Issue", code: "missing_field", field: "issue" },
    ]);
  }
  const issue = raw.issue;
  if (typeof issue.title !== "string" || issue.title.trim() === "")
    fail("/issue", "Issue", "title", "missing_field");
  if (issue.body !== undefined && issue.body !== null && typeof issue.body !== "string") {
    fail("/issue", "Issue", "body", "invalid", issue.body);
  }
  if (typeof issue.body === "string" && textLength(issue.body) > MAX_TEXT_CHARS)
    fail("/issue", "Issue", "body", "invalid");
  for (const field of ["created_at", "updated_at", "closed_at"] as const) {
    const value = issue[field];
    if (value !== undefined && value !== null && !isTimestamp(value))
      fail("/issue", "Issue", field, "invalid", value);
  }
  if (issue.closed !== undefined && typeof issue.closed !== "boolean") {
    fail("/issue", "Issue", "closed", "invalid", issue.closed);
  }
  if (issue.assignee !== undefined && issue.assignee !== null && typeof issue.assignee !== "string") {
    fail("/issue", "Issue", "assignee", "invalid", issue.assignee);
  }
  if (issue.milestone !== undefined && issue.milestone !== null && !Number.isInteger(issue.milestone)) {
    fail("/issue", "Issue", "milestone", "invalid", issue.milestone);
  }
  if (
    issue.labels !== undefined &&
    (!Array.isArray(issue.labels) || !issue.labels.every((l) => typeof l === "string"))
  ) {
    fail("/issue", "Issue", "labels", "invalid");
  }
  const comments = raw.comments ?? [];
  if (!Array.isArray(comments)) fail("/comments", "IssueComment", "comments", "invalid");
  const parsedComments: NonNullable<ImportPayload["comments"]> = [];
  if (Array.isArray(comments)) {
    comments.forEach((c: unknown, i) => {
      const where = `/comments/${i}`;
      if (!isRecord(c) || typeof c.body !== "string" || c.body === "") {
        fail(where, "IssueComment", "body", "missing_field");
        return;
      }
      if (textLength(c.body) > MAX_TEXT_CHARS) {
        fail(where, "IssueComment", "body", "invalid");
        return;
      }
      if (c.created_at !== undefined && !isTimestamp(c.created_at)) {
        fail(where, "IssueComment", "created_at", "invalid", c.created_at);
        return;
      }
      parsedComments.push({ body: c.body, created_at: normaliseTime(c.created_at) });
    });
  }
  if (errors.length > 0) throw new MutationError(422, "Validation Failed", errors);
  return {
    issue: {
      title: String(issue.title),
      body: typeof issue.body === "string" ? issue.body : null,
      created_at: normaliseTime(issue.created_at),
      updated_at: normaliseTime(issue.updated_at),
      closed_at: normaliseTime(issue.closed_at),
      closed: issue.closed === true,
      assignee: typeof issue.assignee === "string" ? issue.assignee : null,
      milestone: typeof issue.milestone === "number" ? issue.milestone : null,
      labels: Array.isArray(issue.labels) ? (issue.labels as string[]) : [],
    },
    comments: parsedComments,
  };
}

/** The gist's import status object. */
function importStatus(repo: FakeRepo, imp: FakeIssueImport, baseUrl: string): Record<string, unknown> {
  const api = `${baseUrl}/repos/${repo.ownerLogin}/${repo.name}`;
  const out: Record<string, unknown> = {
    id: imp.id,
    status: imp.status,
    url: `${api}/import/issues/${imp.id}`,
    import_issues_url: `${api}/import/issues`,
    repository_url: api,
    created_at: imp.created_at,
    updated_at: imp.updated_at,
  };
  if (imp.status === "imported" && imp.issueNumber !== null)
    out.issue_url = `${api}/issues/${imp.issueNumber}`;
  if (imp.status === "failed") out.errors = imp.errors;
  return out;
}

const collection = "/repos/{owner}/{repo}/import/issues";

export const issueImportRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    collection,
    docs,
    (req, { store }) => {
      const { repo, user } = requireImportAccess(req, store);
      if (req.rawBody.length > MAX_IMPORT_BYTES) {
        throw new MutationError(413, `Payload too large: the limit is ${MAX_IMPORT_BYTES} bytes`);
      }
      const imp = enqueueImport(store, repo, user, parsePayload(req.body));
      return { status: 202, body: importStatus(repo, imp, req.baseUrl) };
    },
    { contentCreating: true },
  ),
  writeRoute("GET", `${collection}/{id}`, docs, (req, { store }) => {
    const { repo, user } = requireImportAccess(req, store);
    const raw = req.params.id ?? "";
    const imp = /^\d+$/.test(raw) ? repo.imports.find((i) => i.id === Number(raw)) : undefined;
    if (!imp) throw notFound();
    completeImports(store, repo, user, imp.id);
    return { status: 200, body: importStatus(repo, imp, req.baseUrl) };
  }),
  writeRoute("GET", collection, docs, (req, { store }) => {
    const { repo, user } = requireImportAccess(req, store);
    const since = req.query.get("since");
    const sinceMs = since ? Date.parse(since) : Number.NaN;
    if (since && Number.isNaN(sinceMs)) throw new MutationError(422, "Invalid since parameter");
    completeImports(store, repo, user);
    const list = repo.imports.filter((i) => Number.isNaN(sinceMs) || Date.parse(i.updated_at) >= sinceMs);
    return { status: 200, body: list.map((imp) => importStatus(repo, imp, req.baseUrl)) };
  }),
];
