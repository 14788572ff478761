// Restorers that change how the target behaves (features, merge settings,
// protection, rulesets) run after every type that writes content: a disabled
// feature or a protected branch must not refuse the restore's own writes.
import { ENTITY_NAMES, type EntityName } from "../names.js";

/** The repository's settings and people: everything else a restore writes is content. */
const SETTINGS_AND_PEOPLE: ReadonlySet<EntityName> = new Set<EntityName>([
  "repository",
  "branch_protection",
  "rulesets",
  "collaborators",
  "teams",
  "webhooks",
  "security_advisories",
]);

/** Every other job (release_assets is an option of releases, not a job). */
export const CONTENT_TYPES: readonly EntityName[] = ENTITY_NAMES.filter(
  (name) => !SETTINGS_AND_PEOPLE.has(name) && name !== "release_assets",
);
