// Invites the backup's collaborators to the target with their roles, only
// with --invite-collaborators: an invitation reaches a person. Those already
// collaborators there, the token's own account, and those this restore
// invited before (journal) are left alone, so a rerun sends nothing.
import { failItem } from "../../restore/error-text.js";
import { listAll } from "../../restore/list-target.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { COLLABORATORS_FILE, type CollaboratorRecord } from "./record.js";

const PERMISSION: Record<string, string> = {
  read: "pull",
  triage: "triage",
  write: "push",
  maintain: "maintain",
  admin: "admin",
};

async function restoreCollaborators(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const saved: CollaboratorRecord[] = [];
  for await (const record of ctx.readRecords<CollaboratorRecord>(COLLABORATORS_FILE)) saved.push(record);
  if (saved.length === 0) return result;
  if (!ctx.options.inviteCollaborators) {
    ctx.log.info(
      `collaborators: ${saved.length} saved, none invited (pass --invite-collaborators to invite them)`,
    );
    return { ...result, skipped: saved.length };
  }
  const present = new Set<string>();
  if (ctx.targetState !== "missing") {
    for await (const c of listAll(ctx, "GET /repos/{owner}/{repo}/collaborators", {
      affiliation: "direct",
    })) {
      if (typeof c.login === "string") present.add(c.login.toLowerCase());
    }
  }
  // The token's own account administers the target already.
  const me = await ctx.client.octokit.request("GET /user", { request: { signal: ctx.signal } });
  const login = (me.data as { login?: unknown }).login;
  if (typeof login === "string") present.add(login.toLowerCase());
  for (const collaborator of saved) {
    const key = collaborator.login.toLowerCase();
    if (present.has(key) || ctx.journal.get("collaborator", key)) {
      result.skipped++;
      continue;
    }
    const permission = PERMISSION[collaborator.role_name];
    if (permission === undefined) {
      ctx.warn(
        `collaborator ${collaborator.login}: custom role ${collaborator.role_name} not mapped; not invited`,
      );
      result.skipped++;
      continue;
    }
    if (ctx.options.dryRun) {
      ctx.plan({
        entity: "collaborators",
        action: "create",
        what: `invitation of ${collaborator.login} (${permission})`,
        contentCreating: false,
      });
      continue;
    }
    try {
      await ctx.client.octokit.request("PUT /repos/{owner}/{repo}/collaborators/{username}", {
        owner: ctx.target.owner,
        repo: ctx.target.repo,
        username: collaborator.login,
        permission,
        request: { signal: ctx.signal },
      });
      await ctx.journal.record({ kind: "collaborator", key, outcome: "created" });
      result.records++;
    } catch (error) {
      failItem(ctx, result, `collaborator ${collaborator.login}`, error);
    }
  }
  return result;
}

export const collaboratorsRestorer: EntityRestorer = {
  name: "collaborators",
  dependsOn: [],
  files: [COLLABORATORS_FILE],
  restore: restoreCollaborators,
};
