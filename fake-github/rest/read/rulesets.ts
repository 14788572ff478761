// Repository rulesets: readable by anyone who can read the repository. The
// list is a summary in id order; one ruleset carries its conditions and rules.
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import { serializeRuleset } from "../serialize/rulesets.js";
import { intParam, pagedList, readRoute, withRepo } from "./common.js";

export function rulesetRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/rulesets", (req, { store }) =>
      withRepo(req, store, ({ repo, canAdmin }) =>
        pagedList(req, repo.rulesets, (ruleset) =>
          serializeRuleset(repo, ruleset, req.baseUrl, {
            full: false,
            canBypass: canAdmin ? "always" : "never",
          }),
        ),
      ),
    ),
    readRoute("/repos/{owner}/{repo}/rulesets/{ruleset_id}", (req, { store }) =>
      withRepo(req, store, ({ repo, canAdmin }) => {
        const id = intParam(req, "ruleset_id");
        const ruleset = repo.rulesets.find((r) => r.id === id);
        if (!ruleset) return notFound();
        return {
          status: 200,
          body: serializeRuleset(repo, ruleset, req.baseUrl, {
            full: true,
            canBypass: canAdmin ? "always" : "never",
          }),
        };
      }),
    ),
  ];
}
