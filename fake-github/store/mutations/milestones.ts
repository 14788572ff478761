// Store changes for milestones, with GitHub's rules (unique titles, state).
import { makeNodeId } from "../node-id.js";
import type { FakeMilestone, FakeRepo, FakeStore, FakeUser, Iso } from "../types.js";
import { findMilestone, touch } from "./common.js";
import { notFound, validationFailed } from "./errors.js";

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
