// POST /repos/{owner}/{repo}/rulesets: admin only.
import type { RouteDef } from "../../http/types.js";
import { createRuleset } from "../../store/mutations/rulesets.js";
import type { FakeRuleset, FakeRulesetBypassActor } from "../../store/types.js";
import { serializeRuleset } from "../serialize/rulesets.js";
import { requireAdminRepo } from "./access.js";
import { Body } from "./body.js";
import { created, writeRoute } from "./route.js";

export const rulesetRoutes: RouteDef[] = [
  writeRoute(
    "POST",
    "/repos/{owner}/{repo}/rulesets",
    "repos/rules#create-a-repository-ruleset",
    (req, { store }) => {
      const { repo } = requireAdminRepo(req, store);
      const body = new Body(req.body);
      const conditions = body.raw("conditions") as FakeRuleset["conditions"] | undefined;
      const ruleset = createRuleset(store, repo, {
        name: body.string("name") ?? "",
        target: body.oneOf("target", ["branch", "tag", "push"] as const) ?? "branch",
        enforcement: body.oneOf("enforcement", ["disabled", "active", "evaluate"] as const) ?? "disabled",
        bypass_actors: (body.objectArray("bypass_actors") ?? []).map(
          (actor): FakeRulesetBypassActor => ({
            actor_id: actor.nullableInteger("actor_id") ?? null,
            actor_type:
              actor.oneOf("actor_type", [
                "Integration",
                "OrganizationAdmin",
                "RepositoryRole",
                "Team",
                "DeployKey",
                "User",
              ] as const) ?? "RepositoryRole",
            bypass_mode: actor.oneOf("bypass_mode", ["always", "pull_request"] as const) ?? "always",
          }),
        ),
        conditions: conditions ?? null,
        rules: (body.raw("rules") as FakeRuleset["rules"] | undefined) ?? [],
      });
      return created(serializeRuleset(repo, ruleset, req.baseUrl, { full: true, canBypass: "always" }));
    },
  ),
];
