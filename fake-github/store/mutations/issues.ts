// Store changes for issues (and the issue side of pull requests): create, update,
// lock, with GitHub's rules for assignees, labels, milestones and state.
import { findUserByLogin, repoKey } from "../create-store.js";
import { issueShape } from "../issue-shape.js";
import { makeNodeId } from "../node-id.js";
import type { FakeIssue, FakeRepo, FakeStore, FakeUser, Iso, LockReason, StateReason } from "../types.js";
import { authorAssociation, findLabel, findMilestone, requireIssue, touch, userCanPush } from "./common.js";
import { validationFailed } from "./errors.js";
import { checkLabelFields, newLabel } from "./labels.js";

export interface IssueFieldsInput {
  title?: string;
  body?: string | null;
  /** Logins. */
  assignees?: string[];
  /** Number, or null to clear (update only). */
  milestone?: number | null;
  /** Names. */
  labels?: string[];
}

/**
 * Assignee logins → user ids. GitHub answers 422 `invalid` for a login that
 * does not exist or cannot be assigned (not a collaborator); here a user can be
 * assigned when they own the repository or hold a token that may push to it.
 */
function resolveAssignees(store: FakeStore, repo: FakeRepo, logins: string[]): number[] {
  const ids: number[] = [];
  for (const login of logins) {
    const user = findUserByLogin(store, login);
    if (!user || !userCanPush(store, repo, user)) {
      throw validationFailed({ resource: "Issue", code: "invalid", field: "assignees", value: login });
    }
    if (!ids.includes(user.id)) ids.push(user.id);
  }
  return ids;
}

/** Label names → ids; unknown names are created with the default colour, as GitHub does. */
function resolveLabels(store: FakeStore, repo: FakeRepo, names: string[]): number[] {
  const ids: number[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) throw validationFailed({ resource: "Label", code: "invalid", field: "name", value: raw });
    let label = findLabel(repo, name);
    if (!label) {
      checkLabelFields({ name });
      label = newLabel(store, name, "ededed", null);
      repo.labels.push(label);
    }
    if (!ids.includes(label.id)) ids.push(label.id);
  }
  return ids;
}

function resolveMilestone(repo: FakeRepo, number: number | null): number | null {
  if (number === null) return null;
  if (!findMilestone(repo, number)) {
    throw validationFailed({ resource: "Issue", code: "invalid", field: "milestone", value: number });
  }
  return number;
}

/** Allocates the next number of the shared issue/PR sequence and registers the issue. */
export function insertIssue(store: FakeStore, repo: FakeRepo, issue: Omit<FakeIssue, "number">): FakeIssue {
  const full: FakeIssue = issueShape({ ...issue, number: repo.nextIssueNumber++ });
  repo.issues.set(full.number, full);
  store.issueIndex.set(full.id, { repoKey: repoKey(repo.ownerLogin, repo.name), number: full.number });
  return full;
}

export function blankIssue(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  title: string,
  now: Iso,
): Omit<FakeIssue, "number"> {
  const id = store.nextId();
  return {
    id,
    node_id: makeNodeId("I", id),
    title,
    body: null,
    state: "open",
    state_reason: null,
    locked: false,
    active_lock_reason: null,
    userId: user.id,
    labelIds: [],
    assigneeIds: [],
    milestoneNumber: null,
    created_at: now,
    updated_at: now,
    closed_at: null,
    closedById: null,
    author_association: authorAssociation(store, repo, user),
    pull: null,
    subIssueIds: [],
    parentId: null,
  };
}

export function createIssue(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  input: IssueFieldsInput,
): FakeIssue {
  const title = input.title?.trim();
  if (!title) throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
  // Validate everything before changing anything, so a 422 leaves no trace.
  const milestone = resolveMilestone(repo, input.milestone ?? null);
  const assigneeIds = resolveAssignees(store, repo, input.assignees ?? []);
  const now = touch(store, repo);
  const issue = insertIssue(store, repo, {
    ...blankIssue(store, repo, user, title, now),
    body: input.body ?? null,
    assigneeIds,
    milestoneNumber: milestone,
    labelIds: resolveLabels(store, repo, input.labels ?? []),
  });
  return issue;
}

export interface IssueUpdateInput extends IssueFieldsInput {
  state?: "open" | "closed";
  state_reason?: StateReason | null;
}

/** Applies a state change; `state_reason` counts only when the state changes, as on GitHub. */
function applyIssueState(
  issue: FakeIssue,
  user: FakeUser,
  state: "open" | "closed" | undefined,
  reason: StateReason | null | undefined,
  now: Iso,
): void {
  if (state === undefined || state === issue.state) return;
  issue.state = state;
  if (state === "closed") {
    issue.closed_at = now;
    issue.closedById = user.id;
    // GitHub's default is "completed"; an explicit null closes without a reason (as issues closed
    // before reasons existed are).
    issue.state_reason = reason === null ? null : reason && reason !== "reopened" ? reason : "completed";
  } else {
    issue.closed_at = null;
    issue.state_reason = "reopened";
  }
}

export function updateIssue(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  number: number,
  patch: IssueUpdateInput,
): FakeIssue {
  const issue = requireIssue(repo, number);
  const title = patch.title?.trim();
  if (patch.title !== undefined && !title) {
    throw validationFailed({ resource: "Issue", code: "missing_field", field: "title" });
  }
  const milestone = patch.milestone === undefined ? undefined : resolveMilestone(repo, patch.milestone);
  const assigneeIds =
    patch.assignees === undefined ? undefined : resolveAssignees(store, repo, patch.assignees);
  const now = touch(store, repo);
  if (title !== undefined) issue.title = title;
  if (patch.body !== undefined) issue.body = patch.body;
  if (milestone !== undefined) issue.milestoneNumber = milestone;
  if (assigneeIds !== undefined) issue.assigneeIds = assigneeIds;
  if (patch.labels !== undefined) issue.labelIds = resolveLabels(store, repo, patch.labels);
  applyIssueState(issue, user, patch.state, patch.state_reason, now);
  issue.updated_at = now;
  return issue;
}

export function lockIssue(store: FakeStore, repo: FakeRepo, number: number, reason: LockReason | null): void {
  const issue = requireIssue(repo, number);
  issue.locked = true;
  issue.active_lock_reason = reason;
  issue.updated_at = touch(store, repo);
}

export function unlockIssue(store: FakeStore, repo: FakeRepo, number: number): void {
  const issue = requireIssue(repo, number);
  issue.locked = false;
  issue.active_lock_reason = null;
  issue.updated_at = touch(store, repo);
}
