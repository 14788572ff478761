// Store changes to collaborators. GitHub sends an invitation the user must
// accept; the fake adds the collaborator at once (the invitation is the answer).
import type { FakeRepo, FakeStore, FakeUser, RepoRole } from "../types.js";
import { notFound } from "./errors.js";

export function addCollaborator(
  _store: FakeStore,
  repo: FakeRepo,
  user: FakeUser | undefined,
  role: RepoRole,
): "invited" | "updated" {
  if (!user) throw notFound();
  const existing = repo.collaborators.find((c) => c.userId === user.id);
  if (existing) {
    existing.role_name = role;
    return "updated";
  }
  repo.collaborators.push({ userId: user.id, role_name: role });
  return "invited";
}
