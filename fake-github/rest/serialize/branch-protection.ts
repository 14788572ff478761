// Classic branch protection as GET /repos/{owner}/{repo}/branches/{branch}/protection answers it.
import type { FakeBranchProtection, FakeRepo, FakeStore } from "../../store/types.js";
import { apiRepo } from "./common.js";
import { serializeTeam } from "./teams.js";
import { restUser } from "./users.js";

function users(store: FakeStore, ids: number[], baseUrl: string) {
  return ids.flatMap((id) => {
    const user = store.users.get(id);
    return user ? [restUser(user, baseUrl)] : [];
  });
}

function teams(store: FakeStore, ids: number[], baseUrl: string) {
  return ids.flatMap((id) => {
    const team = store.teams.find((t) => t.id === id);
    return team ? [serializeTeam(team, baseUrl)] : [];
  });
}

const flag = (_url: string, enabled: boolean) => ({ enabled });

export function serializeBranchProtection(
  store: FakeStore,
  repo: FakeRepo,
  branch: string,
  protection: FakeBranchProtection,
  baseUrl: string,
): Record<string, unknown> {
  const url = `${apiRepo(baseUrl, repo)}/branches/${encodeURIComponent(branch)}/protection`;
  const body: Record<string, unknown> = { url };
  const checks = protection.required_status_checks;
  if (checks) {
    body.required_status_checks = {
      url: `${url}/required_status_checks`,
      strict: checks.strict,
      contexts: [...checks.contexts],
      contexts_url: `${url}/required_status_checks/contexts`,
      checks: checks.contexts.map((context) => ({ context, app_id: null })),
    };
  }
  const reviews = protection.required_pull_request_reviews;
  if (reviews) {
    const dismissal =
      reviews.dismissalUserIds.length + reviews.dismissalTeamIds.length > 0
        ? {
            dismissal_restrictions: {
              url: `${url}/dismissal_restrictions`,
              users_url: `${url}/dismissal_restrictions/users`,
              teams_url: `${url}/dismissal_restrictions/teams`,
              users: users(store, reviews.dismissalUserIds, baseUrl),
              teams: teams(store, reviews.dismissalTeamIds, baseUrl),
              apps: [],
            },
          }
        : {};
    body.required_pull_request_reviews = {
      url: `${url}/required_pull_request_reviews`,
      ...dismissal,
      dismiss_stale_reviews: reviews.dismiss_stale_reviews,
      require_code_owner_reviews: reviews.require_code_owner_reviews,
      required_approving_review_count: reviews.required_approving_review_count,
      require_last_push_approval: reviews.require_last_push_approval,
    };
  }
  body.required_signatures = { url: `${url}/required_signatures`, enabled: protection.required_signatures };
  body.enforce_admins = { url: `${url}/enforce_admins`, enabled: protection.enforce_admins };
  body.required_linear_history = flag(url, protection.required_linear_history);
  body.allow_force_pushes = flag(url, protection.allow_force_pushes);
  body.allow_deletions = flag(url, protection.allow_deletions);
  body.block_creations = flag(url, protection.block_creations);
  body.required_conversation_resolution = flag(url, protection.required_conversation_resolution);
  body.lock_branch = flag(url, protection.lock_branch);
  body.allow_fork_syncing = flag(url, protection.allow_fork_syncing);
  const restrictions = protection.restrictions;
  if (restrictions) {
    body.restrictions = {
      url: `${url}/restrictions`,
      users_url: `${url}/restrictions/users`,
      teams_url: `${url}/restrictions/teams`,
      apps_url: `${url}/restrictions/apps`,
      users: users(store, restrictions.userIds, baseUrl),
      teams: teams(store, restrictions.teamIds, baseUrl),
      apps: [],
    };
  }
  return body;
}
