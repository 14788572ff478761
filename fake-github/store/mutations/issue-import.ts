// The Issue Import API, store side: imports are queued as pending and run by
// `completeImports`, as GitHub runs them asynchronously.
import { findUserByLogin } from "../create-store.js";
import type { FakeIssueImport, FakeRepo, FakeStore, FakeUser, Iso } from "../types.js";
import { findLabel, findMilestone, touch, userCanPush } from "./common.js";
import { createIssueComment } from "./issue-comments.js";
import { blankIssue, insertIssue } from "./issues.js";

export interface ImportPayload {
  issue: {
    title: string;
    body?: string | null;
    created_at?: Iso;
    updated_at?: Iso;
    closed_at?: Iso | null;
    closed?: boolean;
    assignee?: string | null;
    milestone?: number | null;
    labels?: string[];
  };
  comments?: Array<{ body: string; created_at?: Iso }>;
}

/** Accepts an import request; it stays pending until `completeImports` runs it. */
export function enqueueImport(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  payload: ImportPayload,
): FakeIssueImport {
  const now = store.now();
  const imp: FakeIssueImport = {
    id: store.nextId(),
    status: "pending",
    created_at: now,
    updated_at: now,
    issueNumber: null,
    errors: [],
    payload,
    importerId: user.id,
  };
  repo.imports.push(imp);
  return imp;
}

type ImportError = FakeIssueImport["errors"][number];

function importErrors(store: FakeStore, repo: FakeRepo, payload: ImportPayload): ImportError[] {
  const errors: ImportError[] = [];
  const issue = payload.issue;
  const bad = (location: string, resource: string, field: string, value: unknown) =>
    errors.push({ location, resource, field, value: String(value), code: "invalid" });
  if (issue.milestone !== undefined && issue.milestone !== null && !findMilestone(repo, issue.milestone)) {
    bad("/issue", "Issue", "milestone", issue.milestone);
  }
  if (issue.assignee) {
    const user = findUserByLogin(store, issue.assignee);
    if (!user || !userCanPush(store, repo, user)) bad("/issue", "Issue", "assignee", issue.assignee);
  }
  for (const name of issue.labels ?? []) if (!findLabel(repo, name)) bad("/issue", "Issue", "labels", name);
  return errors;
}

/** Runs one pending import: creates the issue and its comments with their original times, or fails it. */
function runImport(store: FakeStore, repo: FakeRepo, fallbackUser: FakeUser, imp: FakeIssueImport): void {
  const user = (imp.importerId !== undefined ? store.users.get(imp.importerId) : undefined) ?? fallbackUser;
  const payload = imp.payload as ImportPayload;
  const errors = importErrors(store, repo, payload);
  imp.updated_at = store.now();
  if (errors.length > 0) {
    imp.status = "failed";
    imp.errors = errors;
    return;
  }
  const src = payload.issue;
  const createdAt = src.created_at ?? imp.created_at;
  const closed = src.closed ?? false;
  const assignee = src.assignee ? findUserByLogin(store, src.assignee) : undefined;
  const labelIds = (src.labels ?? [])
    .map((n) => findLabel(repo, n)?.id)
    .filter((id): id is number => id !== undefined);
  const issue = insertIssue(store, repo, {
    ...blankIssue(store, repo, user, src.title, createdAt),
    body: src.body ?? null,
    updated_at: src.updated_at ?? createdAt,
    state: closed ? "closed" : "open",
    state_reason: closed ? "completed" : null,
    closed_at: closed ? (src.closed_at ?? src.updated_at ?? createdAt) : null,
    closedById: closed ? user.id : null,
    assigneeIds: assignee ? [assignee.id] : [],
    milestoneNumber: src.milestone ?? null,
    labelIds,
  });
  for (const c of payload.comments ?? []) {
    createIssueComment(store, repo, user, issue.number, c.body, c.created_at ?? createdAt);
  }
  // Comments must not move the imported issue's own updated_at.
  issue.updated_at = src.updated_at ?? issue.updated_at;
  imp.status = "imported";
  imp.issueNumber = issue.number;
  touch(store, repo);
}

/**
 * Completes pending imports in submission order, up to and including `uptoId`
 * (all of them when omitted). Imports are queued per repository, so a later one
 * never gets its number before an earlier one.
 */
export function completeImports(store: FakeStore, repo: FakeRepo, user: FakeUser, uptoId?: number): void {
  for (const imp of repo.imports) {
    if (imp.status === "pending") runImport(store, repo, user, imp);
    if (imp.id === uptoId) break;
  }
}
