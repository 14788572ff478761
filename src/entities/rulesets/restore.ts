// Creates the backup's rulesets in the target, matched by name: one that
// exists there (or that the journal says this restore made) is left as it is.
// Bypass actors are mapped: teams by slug (teams.jsonl names them), users by
// login (collaborators.jsonl), roles and organisation admins as they are;
// apps, deploy keys and anything unknown are reported and left out.
import { failItem } from "../../restore/error-text.js";
import { listAll } from "../../restore/list-target.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { COLLABORATORS_FILE, type CollaboratorRecord } from "../collaborators/record.js";
import type { Json } from "../shared/fields.js";
import { targetPeople } from "../shared/target-people.js";
import { TEAMS_FILE, type TeamRecord } from "../teams/record.js";
import { RULESETS_FILE, type RulesetRecord } from "./record.js";

const POST_RULESET: string = "POST /repos/{owner}/{repo}/rulesets";

async function namesById<T>(ctx: RestoreContext, file: string, pick: (record: T) => [number, string]) {
  const names = new Map<number, string>();
  for await (const record of ctx.readRecords<T>(file)) names.set(...pick(record));
  return names;
}

async function restoreRulesets(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const result: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };
  const existing = new Set<string>();
  if (ctx.targetState !== "missing") {
    for await (const r of listAll(ctx, "GET /repos/{owner}/{repo}/rulesets", { includes_parents: false })) {
      if (typeof r.name === "string") existing.add(r.name);
    }
  }
  const teamSlugs = await namesById<TeamRecord>(ctx, TEAMS_FILE, (t) => [t.id, t.slug]);
  const userLogins = await namesById<CollaboratorRecord>(ctx, COLLABORATORS_FILE, (c) => [c.id, c.login]);
  const people = targetPeople(ctx);

  for await (const saved of ctx.readRecords<RulesetRecord>(RULESETS_FILE)) {
    const where = `ruleset ${JSON.stringify(saved.name)}`;
    if (existing.has(saved.name) || ctx.journal.get("ruleset", String(saved.id))) {
      result.skipped++;
      continue;
    }
    const actors: Json[] = [];
    for (const actor of saved.bypass_actors) {
      const type = actor.actor_type;
      const id = typeof actor.actor_id === "number" ? actor.actor_id : null;
      let mappedId: number | null | undefined;
      if (type === "RepositoryRole" || type === "OrganizationAdmin") mappedId = id;
      else if (type === "Team" && id !== null) {
        const slug = teamSlugs.get(id);
        mappedId = slug === undefined ? undefined : ((await people.teamId(slug)) ?? undefined);
      } else if (type === "User" && id !== null) {
        const login = userLogins.get(id);
        mappedId = login === undefined ? undefined : ((await people.userId(login)) ?? undefined);
      }
      if (mappedId === undefined) {
        ctx.warn(
          `${where}: bypass actor ${String(type)} ${String(id)} has no counterpart in the target; left out`,
        );
        continue;
      }
      actors.push({ ...actor, actor_id: mappedId });
    }
    if (ctx.options.dryRun) {
      ctx.plan({ entity: "rulesets", action: "create", what: where, contentCreating: false });
      continue;
    }
    try {
      const response = await ctx.client.octokit.request(POST_RULESET, {
        owner: ctx.target.owner,
        repo: ctx.target.repo,
        name: saved.name,
        target: saved.target ?? "branch",
        enforcement: saved.enforcement,
        bypass_actors: actors,
        ...(saved.conditions ? { conditions: saved.conditions } : {}),
        rules: saved.rules,
        request: { signal: ctx.signal },
      });
      const newId = (response.data as { id?: unknown }).id;
      await ctx.journal.record({
        kind: "ruleset",
        key: String(saved.id),
        outcome: "created",
        ...(typeof newId === "number" ? { newId } : {}),
      });
      result.records++;
    } catch (error) {
      failItem(ctx, result, where, error);
    }
  }
  return result;
}

export const rulesetsRestorer: EntityRestorer = {
  name: "rulesets",
  dependsOn: [],
  afterContent: true,
  files: [RULESETS_FILE],
  restore: restoreRulesets,
};
