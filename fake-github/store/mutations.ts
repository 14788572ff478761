// Store-changing helpers for the fake GitHub's write endpoints. Each takes
// already-parsed input, enforces GitHub's domain rules (uniqueness, limits,
// references between objects) and either changes the store or throws a
// MutationError describing GitHub's answer. No HTTP here: the REST layer parses
// bodies and serialises results.

import { addRepo, findUserByLogin, repoFullName, repoKey } from "./create-store.js";
import { issueShape } from "./issue-shape.js";
import { findIssueById } from "./lookup.js";
import { makeNodeId } from "./node-id.js";
import type {
  FakeAsset,
  FakeIssue,
  FakeIssueComment,
  FakeIssueImport,
  FakeLabel,
  FakeMilestone,
  FakeRelease,
  FakeRepo,
  FakeReview,
  FakeReviewComment,
  FakeStore,
  FakeUser,
  Iso,
  LockReason,
  ReviewState,
  StateReason,
} from "./types.js";

// ---------------------------------------------------------------------------
// Errors

export type FieldErrorCode =
  | "missing"
  | "missing_field"
  | "invalid"
  | "already_exists"
  | "unprocessable"
  | "custom";

/** One entry of GitHub's "Validation Failed" `errors` array. */
export interface FieldError {
  resource: string;
  code: FieldErrorCode;
  field?: string;
  value?: unknown;
  /** Set for code "custom". */
  message?: string;
}

/** A rejected change, carrying what GitHub would answer. */
export class MutationError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Field errors ("Validation Failed") or plain strings ("Unprocessable Entity"). */
    readonly errors: Array<FieldError | string> = [],
  ) {
    super(message);
    this.name = "MutationError";
  }
}

export function notFound(): MutationError {
  return new MutationError(404, "Not Found");
}

/** 422 "Validation Failed" with field errors. */
export function validationFailed(...errors: FieldError[]): MutationError {
  return new MutationError(422, "Validation Failed", errors);
}

/** 422 "Unprocessable Entity" with plain-string errors (GitHub's `validation-error-simple`). */
export function unprocessable(...messages: string[]): MutationError {
  return new MutationError(422, "Unprocessable Entity", messages);
}

// ---------------------------------------------------------------------------
// Shared helpers

export const MAX_SUB_ISSUES = 100;
export const MAX_SUB_ISSUE_DEPTH = 8;

/** True when some token of the user may write to the repository (or the user owns it). */
export function userCanPush(store: FakeStore, repo: FakeRepo, user: FakeUser): boolean {
  if (user.login.toLowerCase() === repo.ownerLogin.toLowerCase()) return true;
  const full = repoFullName(repo).toLowerCase();
  for (const token of store.tokens.values()) {
    if (token.userId !== user.id) continue;
    if (token.write === "*" || token.write.some((r) => r.toLowerCase() === full)) return true;
  }
  return false;
}

/** How GitHub labels the author of something written by `user` in `repo`. */
export function authorAssociation(store: FakeStore, repo: FakeRepo, user: FakeUser): string {
  if (user.login.toLowerCase() === repo.ownerLogin.toLowerCase()) return "OWNER";
  return userCanPush(store, repo, user) ? "COLLABORATOR" : "NONE";
}

function touch(store: FakeStore, repo: FakeRepo): Iso {
  const now = store.now();
  repo.updated_at = now;
  return now;
}

export function findLabel(repo: FakeRepo, name: string): FakeLabel | undefined {
  const wanted = name.toLowerCase();
  return repo.labels.find((l) => l.name.toLowerCase() === wanted);
}

export function findMilestone(repo: FakeRepo, number: number): FakeMilestone | undefined {
  return repo.milestones.find((m) => m.number === number);
}

/** An issue or PR by number, or a 404. */
export function requireIssue(repo: FakeRepo, number: number): FakeIssue {
  const issue = repo.issues.get(number);
  if (!issue) throw notFound();
  return issue;
}

/** A pull request by number, or a 404 (an issue number is not a PR). */
export function requirePull(
  repo: FakeRepo,
  number: number,
): FakeIssue & { pull: NonNullable<FakeIssue["pull"]> } {
  const issue = repo.issues.get(number);
  if (!issue?.pull) throw notFound();
  return issue as FakeIssue & { pull: NonNullable<FakeIssue["pull"]> };
}

// ---------------------------------------------------------------------------
// Repositories

export interface CreateRepoInput {
  name: string;
  private: boolean;
  description: string | null;
}

const REPO_NAME = /^[A-Za-z0-9._-]{1,100}$/;

/** Creates an empty repository (no branches, GitHub's default labels). `gitDir` is set by the caller. */
export function createRepo(store: FakeStore, owner: FakeUser, input: CreateRepoInput): FakeRepo {
  if (!input.name) throw validationFailed({ resource: "Repository", code: "missing_field", field: "name" });
  if (!REPO_NAME.test(input.name) || input.name === "." || input.name === "..") {
    throw validationFailed({ resource: "Repository", code: "invalid", field: "name", value: input.name });
  }
  const key = repoKey(owner.login, input.name);
  if (store.repos.has(key)) {
    throw validationFailed({
      resource: "Repository",
      code: "custom",
      field: "name",
      message: "name already exists on this account",
    });
  }
  return addRepo(store, owner.login, input.name, {
    private: input.private,
    description: input.description,
    defaultLabels: true,
  });
}

// ---------------------------------------------------------------------------
// Labels

export interface LabelInput {
  name?: string;
  color?: string;
  description?: string | null;
}

const HEX_COLOR = /^[0-9a-fA-F]{6}$/;

function checkLabelFields(input: LabelInput): void {
  if (input.color !== undefined && !HEX_COLOR.test(input.color)) {
    throw validationFailed({ resource: "Label", code: "invalid", field: "color", value: input.color });
  }
  if (input.description && input.description.length > 100) {
    throw validationFailed({
      resource: "Label",
      code: "custom",
      field: "description",
      message: "description is too long (maximum is 100 characters)",
    });
  }
  if (input.name !== undefined && input.name.length > 50) {
    throw validationFailed({
      resource: "Label",
      code: "custom",
      field: "name",
      message: "name is too long (maximum is 50 characters)",
    });
  }
}

function newLabel(store: FakeStore, name: string, color: string, description: string | null): FakeLabel {
  const id = store.nextId();
  return { id, node_id: makeNodeId("LA", id), name, color: color.toLowerCase(), description, default: false };
}

export function createLabel(store: FakeStore, repo: FakeRepo, input: LabelInput): FakeLabel {
  const name = input.name?.trim();
  if (!name) throw validationFailed({ resource: "Label", code: "missing_field", field: "name" });
  checkLabelFields({ ...input, name });
  if (findLabel(repo, name))
    throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
  const label = newLabel(store, name, input.color ?? "ededed", input.description ?? null);
  repo.labels.push(label);
  touch(store, repo);
  return label;
}

export function updateLabel(
  store: FakeStore,
  repo: FakeRepo,
  currentName: string,
  patch: { new_name?: string; color?: string; description?: string | null },
): FakeLabel {
  const label = findLabel(repo, currentName);
  if (!label) throw notFound();
  const newName = patch.new_name?.trim();
  if (patch.new_name !== undefined && !newName) {
    throw validationFailed({ resource: "Label", code: "missing_field", field: "name" });
  }
  checkLabelFields({ name: newName, color: patch.color, description: patch.description });
  if (newName !== undefined) {
    const clash = findLabel(repo, newName);
    if (clash && clash !== label)
      throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
    label.name = newName;
  }
  if (patch.color !== undefined) label.color = patch.color.toLowerCase();
  if (patch.description !== undefined) label.description = patch.description;
  touch(store, repo);
  return label;
}

export function deleteLabel(store: FakeStore, repo: FakeRepo, name: string): void {
  const label = findLabel(repo, name);
  if (!label) throw notFound();
  repo.labels.splice(repo.labels.indexOf(label), 1);
  for (const issue of repo.issues.values()) issue.labelIds = issue.labelIds.filter((id) => id !== label.id);
  touch(store, repo);
}

// ---------------------------------------------------------------------------
// Milestones

export interface MilestoneInput {
  title?: string;
  state?: "open" | "closed";
  description?: string | null;
  due_on?: Iso | null;
}

function applyMilestoneState(milestone: FakeMilestone, state: "open" | "closed" | undefined, now: Iso): void {
  if (state === undefined || state === milestone.state) return;
  milestone.state = state;
  milestone.closed_at = state === "closed" ? now : null;
}

export function createMilestone(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  input: MilestoneInput,
): FakeMilestone {
  const title = input.title?.trim();
  if (!title) throw validationFailed({ resource: "Milestone", code: "missing_field", field: "title" });
  if (repo.milestones.some((m) => m.title === title)) {
    throw validationFailed({ resource: "Milestone", code: "already_exists", field: "title" });
  }
  const now = touch(store, repo);
  const id = store.nextId();
  const milestone: FakeMilestone = {
    id,
    node_id: makeNodeId("MI", id),
    number: repo.nextMilestoneNumber++,
    title,
    description: input.description ?? null,
    state: "open",
    creatorId: user.id,
    created_at: now,
    updated_at: now,
    closed_at: null,
    due_on: input.due_on ?? null,
  };
  applyMilestoneState(milestone, input.state, now);
  repo.milestones.push(milestone);
  return milestone;
}

export function updateMilestone(
  store: FakeStore,
  repo: FakeRepo,
  number: number,
  patch: MilestoneInput,
): FakeMilestone {
  const milestone = findMilestone(repo, number);
  if (!milestone) throw notFound();
  if (patch.title !== undefined) {
    const title = patch.title.trim();
    if (!title) throw validationFailed({ resource: "Milestone", code: "missing_field", field: "title" });
    if (repo.milestones.some((m) => m !== milestone && m.title === title)) {
      throw validationFailed({ resource: "Milestone", code: "already_exists", field: "title" });
    }
    milestone.title = title;
  }
  const now = touch(store, repo);
  if (patch.description !== undefined) milestone.description = patch.description;
  if (patch.due_on !== undefined) milestone.due_on = patch.due_on;
  applyMilestoneState(milestone, patch.state, now);
  milestone.updated_at = now;
  return milestone;
}

export function deleteMilestone(store: FakeStore, repo: FakeRepo, number: number): void {
  const milestone = findMilestone(repo, number);
  if (!milestone) throw notFound();
  repo.milestones.splice(repo.milestones.indexOf(milestone), 1);
  for (const issue of repo.issues.values())
    if (issue.milestoneNumber === number) issue.milestoneNumber = null;
  touch(store, repo);
}

// ---------------------------------------------------------------------------
// Issues

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
function insertIssue(store: FakeStore, repo: FakeRepo, issue: Omit<FakeIssue, "number">): FakeIssue {
  const full: FakeIssue = issueShape({ ...issue, number: repo.nextIssueNumber++ });
  repo.issues.set(full.number, full);
  store.issueIndex.set(full.id, { repoKey: repoKey(repo.ownerLogin, repo.name), number: full.number });
  return full;
}

function blankIssue(
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
    issue.state_reason = reason && reason !== "reopened" ? reason : "completed";
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

// ---------------------------------------------------------------------------
// Issue comments

export function createIssueComment(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  number: number,
  body: string | undefined,
  createdAt?: Iso,
): FakeIssueComment {
  const issue = requireIssue(repo, number);
  if (!body) throw validationFailed({ resource: "IssueComment", code: "missing_field", field: "body" });
  const now = createdAt ?? touch(store, repo);
  const id = store.nextId();
  const comment: FakeIssueComment = {
    id,
    node_id: makeNodeId("IC", id),
    issue_number: issue.number,
    body,
    userId: user.id,
    created_at: now,
    updated_at: now,
    author_association: authorAssociation(store, repo, user),
  };
  repo.comments.push(comment);
  if (issue.updated_at < now) issue.updated_at = now;
  return comment;
}

export function updateIssueComment(
  store: FakeStore,
  repo: FakeRepo,
  commentId: number,
  body: string | undefined,
): FakeIssueComment {
  const comment = repo.comments.find((c) => c.id === commentId);
  if (!comment) throw notFound();
  if (!body) throw validationFailed({ resource: "IssueComment", code: "missing_field", field: "body" });
  comment.body = body;
  comment.updated_at = touch(store, repo);
  return comment;
}

// ---------------------------------------------------------------------------
// Sub-issues

function subIssueError(message: string): MutationError {
  return validationFailed({ resource: "Issue", code: "custom", field: "sub_issue_id", message });
}

/** Number of levels from the top of the tree down to `issue` (a root is level 1). */
function levelOf(store: FakeStore, issue: FakeIssue): number {
  let level = 1;
  let parentId = issue.parentId;
  const seen = new Set<number>();
  while (parentId !== null && !seen.has(parentId)) {
    seen.add(parentId);
    level++;
    parentId = findIssueById(store, parentId)?.issue.parentId ?? null;
  }
  return level;
}

/** Levels in the subtree rooted at `issue` (a leaf is 1). */
function heightOf(store: FakeStore, issue: FakeIssue, seen = new Set<number>()): number {
  if (seen.has(issue.id)) return 0;
  seen.add(issue.id);
  let below = 0;
  for (const childId of issue.subIssueIds) {
    const child = findIssueById(store, childId)?.issue;
    if (child) below = Math.max(below, heightOf(store, child, seen));
  }
  return below + 1;
}

function isAncestorOrSelf(store: FakeStore, candidate: FakeIssue, issue: FakeIssue): boolean {
  let current: FakeIssue | undefined = issue;
  const seen = new Set<number>();
  while (current && !seen.has(current.id)) {
    if (current.id === candidate.id) return true;
    seen.add(current.id);
    current = current.parentId === null ? undefined : findIssueById(store, current.parentId)?.issue;
  }
  return false;
}

function detachFromParent(store: FakeStore, child: FakeIssue): void {
  if (child.parentId === null) return;
  const parent = findIssueById(store, child.parentId)?.issue;
  if (parent) parent.subIssueIds = parent.subIssueIds.filter((id) => id !== child.id);
  child.parentId = null;
}

/**
 * Links the issue with id `subIssueId` (an id, not a number) under `parent`.
 * The child may live in another repository of the same owner.
 */
export function addSubIssue(
  store: FakeStore,
  repo: FakeRepo,
  parentNumber: number,
  subIssueId: number,
  replaceParent: boolean,
): FakeIssue {
  const parent = requireIssue(repo, parentNumber);
  const found = findIssueById(store, subIssueId);
  if (!found) {
    throw validationFailed({ resource: "Issue", code: "invalid", field: "sub_issue_id", value: subIssueId });
  }
  const { repo: childRepo, issue: child } = found;
  if (parent.pull || child.pull) throw subIssueError("Pull requests cannot be sub-issues or parents");
  if (childRepo.ownerLogin.toLowerCase() !== repo.ownerLogin.toLowerCase()) {
    throw subIssueError("Sub-issue must belong to the same owner as the parent issue");
  }
  if (isAncestorOrSelf(store, child, parent))
    throw subIssueError("Sub-issue cannot be an ancestor of its parent");
  if (child.parentId === parent.id) throw subIssueError("Sub-issue is already a sub-issue of this issue");
  if (child.parentId !== null && !replaceParent) throw subIssueError("Sub-issue may only have one parent");
  if (parent.subIssueIds.length >= MAX_SUB_ISSUES) {
    throw subIssueError(`Parent issue cannot have more than ${MAX_SUB_ISSUES} sub-issues`);
  }
  if (levelOf(store, parent) + heightOf(store, child) > MAX_SUB_ISSUE_DEPTH) {
    throw subIssueError(`Sub-issues cannot be nested more than ${MAX_SUB_ISSUE_DEPTH} levels deep`);
  }
  detachFromParent(store, child);
  parent.subIssueIds.push(child.id);
  child.parentId = parent.id;
  const now = touch(store, repo);
  parent.updated_at = now;
  child.updated_at = now;
  return parent;
}

/** Unlinks a child; returns the child, as GitHub's remove-sub-issue does. */
export function removeSubIssue(
  store: FakeStore,
  repo: FakeRepo,
  parentNumber: number,
  subIssueId: number,
): FakeIssue {
  const parent = requireIssue(repo, parentNumber);
  const child = findIssueById(store, subIssueId)?.issue;
  if (!child || child.parentId !== parent.id) throw notFound();
  detachFromParent(store, child);
  const now = touch(store, repo);
  parent.updated_at = now;
  child.updated_at = now;
  return child;
}

/** Moves a child right after `afterId` or right before `beforeId`; returns the parent. */
export function reprioritizeSubIssue(
  store: FakeStore,
  repo: FakeRepo,
  parentNumber: number,
  subIssueId: number,
  position: { afterId?: number; beforeId?: number },
): FakeIssue {
  const parent = requireIssue(repo, parentNumber);
  const ids = parent.subIssueIds;
  const anchorId = position.afterId ?? position.beforeId;
  if ((position.afterId === undefined) === (position.beforeId === undefined)) {
    throw unprocessable("Exactly one of after_id or before_id must be given");
  }
  if (!ids.includes(subIssueId)) throw unprocessable("The sub-issue is not a sub-issue of this issue");
  if (anchorId === undefined || !ids.includes(anchorId) || anchorId === subIssueId) {
    throw unprocessable("The position anchor is not another sub-issue of this issue");
  }
  const rest = ids.filter((id) => id !== subIssueId);
  const at = rest.indexOf(anchorId) + (position.afterId !== undefined ? 1 : 0);
  rest.splice(at, 0, subIssueId);
  parent.subIssueIds = rest;
  parent.updated_at = touch(store, repo);
  return parent;
}

// ---------------------------------------------------------------------------
// Git refs (the store side; the bare repository is updated by the caller)

/** Shas the store knows to exist in the repository, for when there is no bare repository to ask. */
export function knownShas(repo: FakeRepo): Set<string> {
  const shas = new Set<string>(repo.branches.values());
  for (const issue of repo.issues.values()) {
    if (!issue.pull) continue;
    shas.add(issue.pull.head.sha);
    shas.add(issue.pull.base.sha);
    if (issue.pull.merge_commit_sha) shas.add(issue.pull.merge_commit_sha);
  }
  for (const c of repo.reviewComments) {
    shas.add(c.commit_id);
    shas.add(c.original_commit_id);
  }
  for (const r of repo.reviews) shas.add(r.commit_id);
  return shas;
}

export function checkRefName(ref: string): void {
  if (!ref.startsWith("refs/") || ref.split("/").length < 3 || ref.endsWith("/")) {
    throw unprocessable("Reference name must start with 'refs/' and contain at least two slashes");
  }
}

export function recordRef(store: FakeStore, repo: FakeRepo, ref: string, sha: string): void {
  if (ref.startsWith("refs/heads/")) repo.branches.set(ref.slice("refs/heads/".length), sha);
  const now = touch(store, repo);
  repo.pushed_at = now;
}

// ---------------------------------------------------------------------------
// Pull requests

export interface CreatePullInput {
  title?: string;
  /** Number of an existing issue to turn into a PR (instead of `title`). */
  issue?: number;
  head?: string;
  base?: string;
  body?: string | null;
  draft?: boolean;
}

/** "branch" or "owner:branch" → the repository and branch that hold the head. */
function resolveHead(store: FakeStore, repo: FakeRepo, head: string): { repo: FakeRepo; ref: string } {
  const colon = head.indexOf(":");
  if (colon < 0) return { repo, ref: head };
  const owner = head.slice(0, colon);
  const ref = head.slice(colon + 1);
  if (owner.toLowerCase() === repo.ownerLogin.toLowerCase()) return { repo, ref };
  const fork = store.repos.get(repoKey(owner, repo.name));
  if (!fork) throw validationFailed({ resource: "PullRequest", code: "invalid", field: "head" });
  return { repo: fork, ref };
}

export function createPull(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  input: CreatePullInput,
): FakeIssue {
  if (!input.head) throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "head" });
  if (!input.base) throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "base" });
  const head = resolveHead(store, repo, input.head);
  const headSha = head.repo.branches.get(head.ref);
  if (headSha === undefined)
    throw validationFailed({ resource: "PullRequest", code: "invalid", field: "head" });
  const baseSha = repo.branches.get(input.base);
  if (baseSha === undefined)
    throw validationFailed({ resource: "PullRequest", code: "invalid", field: "base" });
  if (head.repo === repo && head.ref === input.base) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      message: `No commits between ${input.base} and ${head.ref}`,
    });
  }
  const headFull = repoFullName(head.repo);
  for (const other of repo.issues.values()) {
    const p = other.pull;
    if (p && other.state === "open" && p.head.ref === head.ref && p.base.ref === input.base) {
      if ((p.head.repoFullName ?? "").toLowerCase() === headFull.toLowerCase()) {
        throw validationFailed({
          resource: "PullRequest",
          code: "custom",
          message: `A pull request already exists for ${head.repo.ownerLogin}:${head.ref}.`,
        });
      }
    }
  }
  let target: FakeIssue | undefined;
  if (input.issue !== undefined) {
    target = repo.issues.get(input.issue);
    if (!target || target.pull) {
      throw validationFailed({
        resource: "PullRequest",
        code: "invalid",
        field: "issue",
        value: input.issue,
      });
    }
  }
  const title = input.title?.trim();
  if (!target && !title)
    throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "title" });
  const now = touch(store, repo);
  const pullId = store.nextId();
  const pull: FakeIssue["pull"] = {
    id: pullId,
    node_id: makeNodeId("PR", pullId),
    head: { ref: head.ref, sha: headSha, repoFullName: headFull },
    base: { ref: input.base, sha: baseSha },
    draft: input.draft ?? false,
    merged_at: null,
    merge_commit_sha: null,
    mergedById: null,
  };
  if (target) {
    target.pull = pull;
    if (input.body !== undefined) target.body = input.body;
    target.updated_at = now;
    return target;
  }
  return insertIssue(store, repo, {
    ...blankIssue(store, repo, user, title ?? "", now),
    body: input.body ?? null,
    pull,
  });
}

export interface UpdatePullInput {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  base?: string;
}

export function updatePull(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  number: number,
  patch: UpdatePullInput,
): FakeIssue {
  const pr = requirePull(repo, number);
  const title = patch.title?.trim();
  if (patch.title !== undefined && !title) {
    throw validationFailed({ resource: "PullRequest", code: "missing_field", field: "title" });
  }
  let baseSha: string | undefined;
  if (patch.base !== undefined) {
    baseSha = repo.branches.get(patch.base);
    if (baseSha === undefined)
      throw validationFailed({ resource: "PullRequest", code: "invalid", field: "base" });
  }
  if (patch.state === "open" && pr.pull.merged_at) {
    throw validationFailed({
      resource: "PullRequest",
      code: "custom",
      field: "state",
      message: "Cannot reopen a merged pull request",
    });
  }
  const now = touch(store, repo);
  if (title !== undefined) pr.title = title;
  if (patch.body !== undefined) pr.body = patch.body;
  if (patch.base !== undefined && baseSha !== undefined) pr.pull.base = { ref: patch.base, sha: baseSha };
  if (patch.state !== undefined && patch.state !== pr.state) {
    pr.state = patch.state;
    pr.closed_at = patch.state === "closed" ? now : null;
    pr.closedById = patch.state === "closed" ? user.id : null;
  }
  pr.updated_at = now;
  return pr;
}

// ---------------------------------------------------------------------------
// Reviews and review comments

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

const EVENT_STATE: Record<ReviewEvent, ReviewState> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

export interface ReviewCommentInput {
  body?: string;
  commit_id?: string;
  path?: string;
  line?: number;
  side?: "LEFT" | "RIGHT";
  start_line?: number;
  start_side?: "LEFT" | "RIGHT";
  position?: number;
  subject_type?: "line" | "file";
  in_reply_to?: number;
}

export interface CreateReviewInput {
  event?: ReviewEvent;
  body?: string;
  commit_id?: string;
  comments?: ReviewCommentInput[];
}

/** A commit the PR can be reviewed at: its head, or any commit the repository is known to hold. */
function checkCommit(
  repo: FakeRepo,
  headSha: string,
  commitId: string,
  shaExists?: (sha: string) => boolean,
): void {
  if (commitId === headSha) return;
  const exists = shaExists ? shaExists(commitId) : knownShas(repo).has(commitId);
  if (!exists) {
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "invalid",
      field: "commit_id",
      value: commitId,
    });
  }
}

function checkReviewEvent(
  user: FakeUser,
  pr: FakeIssue,
  event: ReviewEvent,
  body: string | undefined,
  commentCount: number,
): void {
  if (pr.userId === user.id && event === "APPROVE")
    throw unprocessable("Can not approve your own pull request");
  if (pr.userId === user.id && event === "REQUEST_CHANGES") {
    throw unprocessable("Can not request changes on your own pull request");
  }
  if (event === "REQUEST_CHANGES" && !body) throw unprocessable("Body is required when requesting changes");
  if (event === "COMMENT" && !body && commentCount === 0)
    throw unprocessable("Body is required when commenting");
}

function hunkFor(input: ReviewCommentInput): string {
  const line = input.line ?? input.position ?? 1;
  return `@@ -${line},1 +${line},1 @@\n+${input.path ?? ""}`;
}

function buildReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  reviewId: number | null,
  input: ReviewCommentInput & { body: string; commit_id: string; path: string },
  now: Iso,
): FakeReviewComment {
  const id = store.nextId();
  const subjectType = input.subject_type ?? "line";
  const line = subjectType === "file" ? null : (input.line ?? null);
  return {
    id,
    node_id: makeNodeId("PRRC", id),
    pull_number: pullNumber,
    pull_request_review_id: reviewId,
    in_reply_to_id: null,
    path: input.path,
    line,
    side: line === null ? null : (input.side ?? "RIGHT"),
    start_line: input.start_line ?? null,
    start_side: input.start_line === undefined ? null : (input.start_side ?? input.side ?? "RIGHT"),
    original_line: line,
    position: input.position ?? line,
    original_position: input.position ?? line,
    diff_hunk: hunkFor(input),
    commit_id: input.commit_id,
    original_commit_id: input.commit_id,
    subject_type: subjectType,
    body: input.body,
    userId: user.id,
    created_at: now,
    updated_at: now,
    author_association: authorAssociation(store, repo, user),
  };
}

function checkCommentShape(
  input: ReviewCommentInput,
  where: string,
): asserts input is ReviewCommentInput & { path: string; body: string } {
  if (!input.path)
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "missing_field",
      field: `${where}path`,
    });
  if (!input.body)
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "missing_field",
      field: `${where}body`,
    });
  const fileLevel = input.subject_type === "file";
  if (!fileLevel && input.line === undefined && input.position === undefined) {
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "missing_field",
      field: `${where}line`,
    });
  }
  if (input.start_line !== undefined && input.line !== undefined && input.start_line > input.line) {
    throw validationFailed({
      resource: "PullRequestReviewComment",
      code: "invalid",
      field: `${where}start_line`,
    });
  }
}

function newReview(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  state: ReviewState,
  body: string,
  commitId: string,
  now: Iso,
): FakeReview {
  const id = store.nextId();
  return {
    id,
    node_id: makeNodeId("PRR", id),
    pull_number: pullNumber,
    userId: user.id,
    body,
    state,
    submitted_at: state === "PENDING" ? null : now,
    commit_id: commitId,
    author_association: authorAssociation(store, repo, user),
  };
}

export function createReview(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  input: CreateReviewInput,
  shaExists?: (sha: string) => boolean,
): FakeReview {
  const pr = requirePull(repo, pullNumber);
  const comments = input.comments ?? [];
  if (input.event !== undefined) checkReviewEvent(user, pr, input.event, input.body, comments.length);
  if (
    repo.reviews.some((r) => r.pull_number === pullNumber && r.userId === user.id && r.state === "PENDING")
  ) {
    throw unprocessable("User can only have one pending review per pull request");
  }
  const commitId = input.commit_id ?? pr.pull.head.sha;
  checkCommit(repo, pr.pull.head.sha, commitId, shaExists);
  comments.forEach((c, i) => {
    checkCommentShape(c, `comments[${i}].`);
  });
  const now = touch(store, repo);
  const state = input.event === undefined ? "PENDING" : EVENT_STATE[input.event];
  const review = newReview(store, repo, user, pullNumber, state, input.body ?? "", commitId, now);
  repo.reviews.push(review);
  for (const c of comments) {
    checkCommentShape(c, ""); // already checked above; repeated to narrow the type
    repo.reviewComments.push(
      buildReviewComment(store, repo, user, pullNumber, review.id, { ...c, commit_id: commitId }, now),
    );
  }
  pr.updated_at = now;
  return review;
}

export function submitReview(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  reviewId: number,
  input: { event?: ReviewEvent; body?: string },
): FakeReview {
  const pr = requirePull(repo, pullNumber);
  const review = repo.reviews.find((r) => r.id === reviewId && r.pull_number === pullNumber);
  if (!review) throw notFound();
  if (review.userId !== user.id) throw notFound();
  if (review.state !== "PENDING") throw unprocessable("Can not submit a review that is not pending");
  if (!input.event)
    throw validationFailed({ resource: "PullRequestReview", code: "missing_field", field: "event" });
  const body = input.body ?? review.body;
  const comments = repo.reviewComments.filter((c) => c.pull_request_review_id === review.id).length;
  checkReviewEvent(user, pr, input.event, body, comments);
  const now = touch(store, repo);
  review.state = EVENT_STATE[input.event];
  review.body = body;
  review.submitted_at = now;
  pr.updated_at = now;
  return review;
}

/**
 * A standalone review comment or a reply. As on GitHub, each one comes with
 * its own COMMENTED review (empty body) that it points to.
 */
export function createReviewComment(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  pullNumber: number,
  input: ReviewCommentInput,
  shaExists?: (sha: string) => boolean,
): FakeReviewComment {
  const pr = requirePull(repo, pullNumber);
  if (!input.body)
    throw validationFailed({ resource: "PullRequestReviewComment", code: "missing_field", field: "body" });
  let comment: FakeReviewComment;
  if (input.in_reply_to !== undefined) {
    const target = repo.reviewComments.find(
      (c) => c.id === input.in_reply_to && c.pull_number === pullNumber,
    );
    if (!target || target.in_reply_to_id !== null) {
      throw validationFailed({
        resource: "PullRequestReviewComment",
        code: "invalid",
        field: "in_reply_to",
        value: input.in_reply_to,
      });
    }
    const now = touch(store, repo);
    const review = newReview(store, repo, user, pullNumber, "COMMENTED", "", target.commit_id, now);
    const id = store.nextId();
    // A reply sits on its target's line and commit; only the body is the caller's.
    comment = {
      ...target,
      id,
      node_id: makeNodeId("PRRC", id),
      pull_request_review_id: review.id,
      in_reply_to_id: target.id,
      body: input.body,
      userId: user.id,
      created_at: now,
      updated_at: now,
      author_association: authorAssociation(store, repo, user),
    };
    repo.reviews.push(review);
  } else {
    if (!input.commit_id) {
      throw validationFailed({
        resource: "PullRequestReviewComment",
        code: "missing_field",
        field: "commit_id",
      });
    }
    checkCommentShape(input, "");
    checkCommit(repo, pr.pull.head.sha, input.commit_id, shaExists);
    const now = touch(store, repo);
    const review = newReview(store, repo, user, pullNumber, "COMMENTED", "", input.commit_id, now);
    comment = buildReviewComment(
      store,
      repo,
      user,
      pullNumber,
      review.id,
      { ...input, commit_id: input.commit_id },
      now,
    );
    repo.reviews.push(review);
  }
  repo.reviewComments.push(comment);
  pr.updated_at = comment.created_at;
  return comment;
}

// ---------------------------------------------------------------------------
// Releases and assets

export interface ReleaseInput {
  tag_name?: string;
  target_commitish?: string;
  name?: string | null;
  body?: string | null;
  draft?: boolean;
  prerelease?: boolean;
}

function checkTagFree(repo: FakeRepo, tag: string, self: FakeRelease | null): void {
  if (repo.releases.some((r) => r !== self && r.tag_name === tag)) {
    throw validationFailed({ resource: "Release", code: "already_exists", field: "tag_name" });
  }
}

export function createRelease(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  input: ReleaseInput,
): FakeRelease {
  const tag = input.tag_name?.trim();
  if (!tag) throw validationFailed({ resource: "Release", code: "missing_field", field: "tag_name" });
  checkTagFree(repo, tag, null);
  const now = touch(store, repo);
  const id = store.nextId();
  const draft = input.draft ?? false;
  const release: FakeRelease = {
    id,
    node_id: makeNodeId("RE", id),
    tag_name: tag,
    target_commitish: input.target_commitish || repo.default_branch,
    name: input.name ?? null,
    body: input.body ?? null,
    draft,
    prerelease: input.prerelease ?? false,
    authorId: user.id,
    created_at: now,
    published_at: draft ? null : now,
    assets: [],
  };
  repo.releases.push(release);
  return release;
}

export function requireRelease(repo: FakeRepo, id: number): FakeRelease {
  const release = repo.releases.find((r) => r.id === id);
  if (!release) throw notFound();
  return release;
}

export function updateRelease(
  store: FakeStore,
  repo: FakeRepo,
  id: number,
  patch: ReleaseInput,
): FakeRelease {
  const release = requireRelease(repo, id);
  const tag = patch.tag_name?.trim();
  if (patch.tag_name !== undefined && !tag) {
    throw validationFailed({ resource: "Release", code: "missing_field", field: "tag_name" });
  }
  if (tag !== undefined) checkTagFree(repo, tag, release);
  const now = touch(store, repo);
  if (tag !== undefined) release.tag_name = tag;
  if (patch.target_commitish) release.target_commitish = patch.target_commitish;
  if (patch.name !== undefined) release.name = patch.name;
  if (patch.body !== undefined) release.body = patch.body;
  if (patch.prerelease !== undefined) release.prerelease = patch.prerelease;
  if (patch.draft !== undefined && patch.draft !== release.draft) {
    release.draft = patch.draft;
    release.published_at = patch.draft ? null : now;
  }
  return release;
}

export interface AssetInput {
  name: string;
  label: string | null;
  content_type: string;
  data: Buffer;
}

export function uploadAsset(
  store: FakeStore,
  repo: FakeRepo,
  user: FakeUser,
  releaseId: number,
  input: AssetInput,
): FakeAsset {
  const release = requireRelease(repo, releaseId);
  if (!input.name) throw validationFailed({ resource: "ReleaseAsset", code: "missing_field", field: "name" });
  if (!input.content_type) {
    throw validationFailed({ resource: "ReleaseAsset", code: "missing_field", field: "content_type" });
  }
  if (release.assets.some((a) => a.name === input.name)) {
    throw validationFailed({ resource: "ReleaseAsset", code: "already_exists", field: "name" });
  }
  const now = touch(store, repo);
  const id = store.nextId();
  const asset: FakeAsset = {
    id,
    node_id: makeNodeId("RA", id),
    name: input.name,
    label: input.label,
    content_type: input.content_type,
    data: input.data,
    download_count: 0,
    uploaderId: user.id,
    created_at: now,
    updated_at: now,
  };
  release.assets.push(asset);
  return asset;
}

// ---------------------------------------------------------------------------
// Issue Import API

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
