// Lookups and permission checks that the store changes of several resources share.
import { repoFullName } from "../create-store.js";
import type { FakeIssue, FakeLabel, FakeMilestone, FakeRepo, FakeStore, FakeUser, Iso } from "../types.js";
import { notFound } from "./errors.js";

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

/** Marks the repository as updated now and returns that time. */
export function touch(store: FakeStore, repo: FakeRepo): Iso {
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
