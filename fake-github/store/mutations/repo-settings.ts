// Store changes to a repository's settings (PATCH /repos/{owner}/{repo}) and topics.
import { ensureDefaultCategories } from "../discussions.js";
import type { FakeRepo, FakeRepoSettings, FakeStore } from "../types.js";
import { touch } from "./common.js";
import { validationFailed } from "./errors.js";

export type RepoSettingsInput = Partial<FakeRepoSettings> & { description?: string | null };

export function updateRepoSettings(store: FakeStore, repo: FakeRepo, input: RepoSettingsInput): void {
  const { description, ...settings } = input;
  if (description !== undefined) repo.description = description;
  for (const [key, value] of Object.entries(settings)) {
    if (value !== undefined) (repo.settings as unknown as Record<string, unknown>)[key] = value;
  }
  const now = touch(store, repo);
  // GitHub gives a repository its default discussion categories when discussions are turned on.
  if (settings.has_discussions === true) ensureDefaultCategories(store, repo, now);
}

const TOPIC = /^[a-z0-9][a-z0-9-]{0,49}$/;

/** GitHub's rules: lower case letters, digits and hyphens, at most 50 characters, at most 20 topics. */
export function replaceTopics(store: FakeStore, repo: FakeRepo, names: string[]): void {
  const bad = names.find((name) => !TOPIC.test(name));
  if (bad !== undefined || names.length > 20) {
    throw validationFailed({
      resource: "Repository",
      code: "invalid",
      field: "topics",
      value: bad ?? names.length,
    });
  }
  repo.settings.topics = [...new Set(names)];
  touch(store, repo);
}
