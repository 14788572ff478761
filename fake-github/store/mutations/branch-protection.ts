// Store changes to classic branch protection: PUT replaces it whole, as GitHub's does.
import type { FakeBranchProtection, FakeRepo, FakeStore } from "../types.js";
import { touch } from "./common.js";
import { notFound, validationFailed } from "./errors.js";

export function setBranchProtection(
  store: FakeStore,
  repo: FakeRepo,
  branch: string,
  protection: FakeBranchProtection,
): void {
  if (!repo.branches.has(branch)) throw notFound();
  const count = protection.required_pull_request_reviews?.required_approving_review_count ?? 0;
  if (count < 0 || count > 6) {
    throw validationFailed({
      resource: "ProtectedBranch",
      code: "invalid",
      field: "required_approving_review_count",
    });
  }
  repo.protections.set(branch, protection);
  touch(store, repo);
}
