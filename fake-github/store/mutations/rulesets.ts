// Store changes to repository rulesets: names are unique per repository.
import { makeNodeId } from "../node-id.js";
import type { FakeRepo, FakeRuleset, FakeStore } from "../types.js";
import { validationFailed } from "./errors.js";

export type RulesetInput = Omit<FakeRuleset, "id" | "node_id" | "created_at" | "updated_at">;

export function createRuleset(store: FakeStore, repo: FakeRepo, input: RulesetInput): FakeRuleset {
  if (!input.name) throw validationFailed({ resource: "Ruleset", code: "missing_field", field: "name" });
  if (repo.rulesets.some((r) => r.name === input.name)) {
    throw validationFailed({ resource: "Ruleset", code: "already_exists", field: "name", value: input.name });
  }
  const id = store.nextId();
  const at = store.now();
  const ruleset: FakeRuleset = {
    id,
    node_id: makeNodeId("RRS", id),
    ...input,
    created_at: at,
    updated_at: at,
  };
  repo.rulesets.push(ruleset);
  return ruleset;
}
