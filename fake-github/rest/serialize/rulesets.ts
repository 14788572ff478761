// Repository rulesets (the `repository-ruleset` schema). The list answers a
// summary (no conditions, rules or bypass actors), as GitHub's does.
import { repoFullName } from "../../store/create-store.js";
import type { FakeRepo, FakeRuleset } from "../../store/types.js";
import { apiRepo, webRepo } from "./common.js";

export function serializeRuleset(
  repo: FakeRepo,
  ruleset: FakeRuleset,
  baseUrl: string,
  opts: { full: boolean; canBypass: "always" | "never" },
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: ruleset.id,
    name: ruleset.name,
    target: ruleset.target,
    source_type: "Repository",
    source: repoFullName(repo),
    enforcement: ruleset.enforcement,
  };
  if (opts.full) {
    body.conditions = ruleset.conditions;
    body.rules = ruleset.rules.map((rule) => ({ ...rule }));
    body.bypass_actors = ruleset.bypass_actors.map((actor) => ({ ...actor }));
    body.current_user_can_bypass = opts.canBypass;
  }
  body.node_id = ruleset.node_id;
  body._links = {
    self: { href: `${apiRepo(baseUrl, repo)}/rulesets/${ruleset.id}` },
    html: { href: `${webRepo(baseUrl, repo)}/rules/${ruleset.id}` },
  };
  body.created_at = ruleset.created_at;
  body.updated_at = ruleset.updated_at;
  return body;
}
