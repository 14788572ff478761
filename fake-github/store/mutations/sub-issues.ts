// Store changes for the sub-issue hierarchy, with GitHub's limits (100 children,
// 8 levels) and cycle checks.
import { findIssueById } from "../lookup.js";
import type { FakeIssue, FakeRepo, FakeStore } from "../types.js";
import { requireIssue, touch } from "./common.js";
import { type MutationError, notFound, unprocessable, validationFailed } from "./errors.js";

export const MAX_SUB_ISSUES = 100;
export const MAX_SUB_ISSUE_DEPTH = 8;

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
