// Store changes for repositories: creating one, with GitHub's name rules.
import { addRepo, repoKey } from "../create-store.js";
import type { FakeRepo, FakeStore, FakeUser } from "../types.js";
import { validationFailed } from "./errors.js";

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
