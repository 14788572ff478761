import { arr, int, obj, objOrNull, str, strOrNull } from "../shared/fields.js";
import { listPages, writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { RULESETS_FILE, type RulesetRecord, rulesetSortKey } from "./record.js";

export function rulesetRecord(data: unknown): RulesetRecord {
  const r = obj(data, "ruleset");
  return {
    id: int(r.id, "ruleset.id"),
    node_id: strOrNull(r.node_id, "ruleset.node_id"),
    name: str(r.name, "ruleset.name"),
    target: strOrNull(r.target, "ruleset.target"),
    source_type: strOrNull(r.source_type, "ruleset.source_type"),
    source: str(r.source, "ruleset.source"),
    enforcement: str(r.enforcement, "ruleset.enforcement"),
    bypass_actors: arr(r.bypass_actors ?? [], "ruleset.bypass_actors").map((a, i) =>
      obj(a, `ruleset.bypass_actors[${i}]`),
    ),
    conditions: objOrNull(r.conditions, "ruleset.conditions"),
    rules: arr(r.rules ?? [], "ruleset.rules").map((rule, i) => obj(rule, `ruleset.rules[${i}]`)),
    created_at: strOrNull(r.created_at, "ruleset.created_at"),
    updated_at: strOrNull(r.updated_at, "ruleset.updated_at"),
  };
}

/** The list gives summaries; each ruleset's conditions and rules take one request more. */
export const rulesetsSaver: EntitySaver = {
  name: "rulesets",
  dependsOn: [],
  save: (ctx) =>
    writeRecords<RulesetRecord>(ctx, RULESETS_FILE, rulesetSortKey, async (add) => {
      let done = 0;
      // includes_parents=false: the organisation's rulesets belong to the organisation, not to this backup.
      for await (const page of listPages(ctx, "GET /repos/{owner}/{repo}/rulesets", {
        includes_parents: false,
        per_page: 100,
      })) {
        const records = await Promise.all(
          page.items.map(async (summary, i) => {
            const response = await ctx.client.octokit.request(
              "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}",
              {
                owner: ctx.repo.owner,
                repo: ctx.repo.repo,
                ruleset_id: int(summary.id, `rulesets[${i}].id`),
                request: { signal: ctx.signal },
              },
            );
            return rulesetRecord(response.data);
          }),
        );
        for (const record of records) await add(record);
        done += records.length;
        ctx.progress({ items: done });
      }
    }),
};
