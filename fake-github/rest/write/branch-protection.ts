// PUT /repos/{owner}/{repo}/branches/{branch}/protection: admin only; users and
// teams by login and slug, as GitHub takes them (unknown ones are a 422).
import type { RouteDef } from "../../http/types.js";
import { findUserByLogin } from "../../store/create-store.js";
import { setBranchProtection } from "../../store/mutations/branch-protection.js";
import { touch } from "../../store/mutations/common.js";
import { MutationError, validationFailed } from "../../store/mutations/errors.js";
import type { FakeBranchProtection, FakeRepo, FakeStore } from "../../store/types.js";
import { serializeBranchProtection } from "../serialize/branch-protection.js";
import { requireAdminRepo } from "./access.js";
import { Body } from "./body.js";
import { noContent, okJson, writeRoute } from "./route.js";

function userIds(store: FakeStore, logins: string[] | undefined): number[] {
  return (logins ?? []).map((login) => {
    const user = findUserByLogin(store, login);
    if (!user)
      throw validationFailed({ resource: "ProtectedBranch", code: "invalid", field: "users", value: login });
    return user.id;
  });
}

function teamIds(store: FakeStore, repo: FakeRepo, slugs: string[] | undefined): number[] {
  return (slugs ?? []).map((slug) => {
    const team = store.teams.find((t) => t.orgLogin === repo.ownerLogin && t.slug === slug);
    if (!team)
      throw validationFailed({ resource: "ProtectedBranch", code: "invalid", field: "teams", value: slug });
    return team.id;
  });
}

function object(body: Body, field: string): Body | null {
  const value = body.raw(field);
  return value === null || value === undefined ? null : new Body(value);
}

export const branchProtectionRoutes: RouteDef[] = [
  writeRoute(
    "PUT",
    "/repos/{owner}/{repo}/branches/{branch}/protection",
    "branches/branch-protection#update-branch-protection",
    (req, { store }) => {
      const { repo } = requireAdminRepo(req, store);
      const body = new Body(req.body);
      const checks = object(body, "required_status_checks");
      const reviews = object(body, "required_pull_request_reviews");
      const dismissal = reviews && object(reviews, "dismissal_restrictions");
      const restrictions = object(body, "restrictions");
      const protection: FakeBranchProtection = {
        required_status_checks: checks && {
          strict: checks.boolean("strict") ?? false,
          contexts: checks.stringArray("contexts") ?? [],
        },
        enforce_admins: body.boolean("enforce_admins") ?? false,
        required_pull_request_reviews: reviews && {
          dismiss_stale_reviews: reviews.boolean("dismiss_stale_reviews") ?? false,
          require_code_owner_reviews: reviews.boolean("require_code_owner_reviews") ?? false,
          required_approving_review_count: reviews.integer("required_approving_review_count") ?? 1,
          require_last_push_approval: reviews.boolean("require_last_push_approval") ?? false,
          dismissalUserIds: userIds(store, dismissal?.stringArray("users")),
          dismissalTeamIds: teamIds(store, repo, dismissal?.stringArray("teams")),
        },
        restrictions: restrictions && {
          userIds: userIds(store, restrictions.stringArray("users")),
          teamIds: teamIds(store, repo, restrictions.stringArray("teams")),
        },
        required_linear_history: body.boolean("required_linear_history") ?? false,
        allow_force_pushes: body.boolean("allow_force_pushes") ?? false,
        allow_deletions: body.boolean("allow_deletions") ?? false,
        block_creations: body.boolean("block_creations") ?? false,
        required_conversation_resolution: body.boolean("required_conversation_resolution") ?? false,
        lock_branch: body.boolean("lock_branch") ?? false,
        allow_fork_syncing: body.boolean("allow_fork_syncing") ?? false,
        // Not a field of this route (its own endpoint); kept as it was.
        required_signatures: repo.protections.get(req.params.branch ?? "")?.required_signatures ?? false,
      };
      const branch = req.params.branch ?? "";
      setBranchProtection(store, repo, branch, protection);
      return okJson(serializeBranchProtection(store, repo, branch, protection, req.baseUrl));
    },
  ),
  ...(["POST", "DELETE"] as const).map((method) =>
    writeRoute(
      method,
      "/repos/{owner}/{repo}/branches/{branch}/protection/required_signatures",
      method === "POST"
        ? "branches/branch-protection#create-commit-signature-protection"
        : "branches/branch-protection#delete-commit-signature-protection",
      (req, { store }) => {
        const { repo } = requireAdminRepo(req, store);
        const branch = req.params.branch ?? "";
        const protection = repo.protections.get(branch);
        if (!protection) throw new MutationError(404, "Branch not protected");
        protection.required_signatures = method === "POST";
        touch(store, repo);
        if (method === "DELETE") return noContent();
        return okJson({
          url: `${req.baseUrl}/repos/${repo.ownerLogin}/${repo.name}/branches/${encodeURIComponent(branch)}/protection/required_signatures`,
          enabled: true,
        });
      },
    ),
  ),
];
