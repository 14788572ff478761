// Restores classic branch protection on the target's branches of the same
// name, with its users and teams mapped to accounts and teams that exist on
// the target side (the others are reported and left out). A branch whose
// protection already matches is not written, so a rerun writes nothing.
import { statusOf } from "../../github/errors.js";
import { failItem } from "../../restore/error-text.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { type TargetPeople, targetPeople } from "../shared/target-people.js";
import { type Allowances, BRANCH_PROTECTION_FILE, type BranchProtectionRecord } from "./record.js";
import { protectionRecord } from "./save.js";

/** The allowances the target can take: existing users and teams (apps are left out). */
async function mapped(
  people: TargetPeople,
  list: Allowances | null,
  where: string,
  warn: (message: string) => void,
): Promise<Allowances | null> {
  if (list === null) return null;
  const users = [];
  for (const user of list.users) {
    if ((await people.userId(user.login)) !== null) users.push(user);
    else warn(`${where}: user ${user.login} does not exist on the target's GitHub; left out`);
  }
  const teams = [];
  for (const team of list.teams) {
    if ((await people.teamId(team.slug)) !== null) teams.push(team);
    else warn(`${where}: team ${team.slug} does not exist in the target's organisation; left out`);
  }
  for (const app of list.apps)
    warn(`${where}: app ${app} left out (install it on the target and add it by hand)`);
  return { users, teams, apps: [] };
}

/** The PUT body: GitHub's input shape (logins and slugs). */
function body(record: BranchProtectionRecord): Record<string, unknown> {
  const names = (list: Allowances | null) =>
    list && { users: list.users.map((u) => u.login), teams: list.teams.map((t) => t.slug) };
  const reviews = record.required_pull_request_reviews;
  return {
    required_status_checks: record.required_status_checks,
    enforce_admins: record.enforce_admins,
    required_pull_request_reviews: reviews && {
      dismiss_stale_reviews: reviews.dismiss_stale_reviews,
      require_code_owner_reviews: reviews.require_code_owner_reviews,
      required_approving_review_count: reviews.required_approving_review_count,
      require_last_push_approval: reviews.require_last_push_approval,
      ...(reviews.dismissal_restrictions
        ? { dismissal_restrictions: names(reviews.dismissal_restrictions) }
        : {}),
    },
    restrictions: names(record.restrictions),
    required_linear_history: record.required_linear_history,
    allow_force_pushes: record.allow_force_pushes,
    allow_deletions: record.allow_deletions,
    block_creations: record.block_creations,
    required_conversation_resolution: record.required_conversation_resolution,
    lock_branch: record.lock_branch,
    allow_fork_syncing: record.allow_fork_syncing,
  };
}

/** Compared without ids (they differ between hosts), signed commits included. */
function comparable(record: BranchProtectionRecord): string {
  return JSON.stringify({ ...body(record), required_signatures: record.required_signatures });
}

/** Signed commits: an endpoint of their own, POST to require them and DELETE to stop. */
const SIGNATURES = "/repos/{owner}/{repo}/branches/{branch}/protection/required_signatures";

async function setSignatures(ctx: RestoreContext, branch: string, required: boolean): Promise<void> {
  await ctx.client.octokit.request(`${required ? "POST" : "DELETE"} ${SIGNATURES}`, {
    owner: ctx.target.owner,
    repo: ctx.target.repo,
    branch,
    request: { signal: ctx.signal },
  });
}

async function current(
  ctx: RestoreContext,
  branch: string,
): Promise<BranchProtectionRecord | "no-branch" | null> {
  const params = { owner: ctx.target.owner, repo: ctx.target.repo, branch, request: { signal: ctx.signal } };
  try {
    await ctx.client.octokit.request("GET /repos/{owner}/{repo}/branches/{branch}", params);
  } catch (error) {
    if (statusOf(error) === 404) return "no-branch";
    throw error;
  }
  try {
    const response = await ctx.client.octokit.request(
      "GET /repos/{owner}/{repo}/branches/{branch}/protection",
      params,
    );
    return protectionRecord(branch, response.data);
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

/** A plain string: the body is built from the record, not from Octokit's parameter types. */
const PUT_PROTECTION: string = "PUT /repos/{owner}/{repo}/branches/{branch}/protection";

async function restoreProtection(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const people = targetPeople(ctx);
  for await (const saved of ctx.readRecords<BranchProtectionRecord>(BRANCH_PROTECTION_FILE)) {
    const where = `protection of ${saved.branch}`;
    try {
      const there = ctx.targetState === "missing" ? "no-branch" : await current(ctx, saved.branch);
      if (there === "no-branch" && !ctx.options.dryRun) {
        ctx.warn(`${where}: the target has no branch ${saved.branch}; not restored`);
        result.skipped++;
        continue;
      }
      const reviews = saved.required_pull_request_reviews;
      const wanted: BranchProtectionRecord = {
        ...saved,
        restrictions: await mapped(people, saved.restrictions, where, ctx.warn),
        required_pull_request_reviews: reviews && {
          ...reviews,
          dismissal_restrictions: await mapped(people, reviews.dismissal_restrictions, where, ctx.warn),
        },
      };
      if (there !== "no-branch" && there !== null && comparable(there) === comparable(wanted)) {
        result.skipped++;
        continue;
      }
      if (ctx.options.dryRun) {
        ctx.plan({ entity: "branch_protection", action: "update", what: where, contentCreating: false });
        continue;
      }
      const existing = there === "no-branch" ? null : there;
      const unsigned = (r: BranchProtectionRecord) => comparable({ ...r, required_signatures: false });
      if (existing === null || unsigned(existing) !== unsigned(wanted)) {
        await ctx.client.octokit.request(PUT_PROTECTION, {
          owner: ctx.target.owner,
          repo: ctx.target.repo,
          branch: saved.branch,
          ...body(wanted),
          request: { signal: ctx.signal },
        });
      }
      if (saved.required_signatures !== (existing?.required_signatures ?? false))
        await setSignatures(ctx, saved.branch, saved.required_signatures);
      result.records++;
    } catch (error) {
      failItem(ctx, result, where, error);
    }
  }
  return result;
}

export const branchProtectionRestorer: EntityRestorer = {
  name: "branch_protection",
  dependsOn: [],
  afterContent: true,
  files: [BRANCH_PROTECTION_FILE],
  restore: restoreProtection,
};
