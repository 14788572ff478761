// Which entities a run covers, from --include/--exclude, --issues/--pull-requests
// and the INCLUDE_* environment variables. A flag beats the environment.
//
// Children never silently disappear: a child whose parent is not selected
// still runs (fetching what it needs itself, over the parent's number
// selection) and the result carries a warning saying so.

import { childrenOf, ENTITY_ALIASES, ENTITY_ENV_VARS, ENTITY_PARENT } from "../entities/index.js";
import { ENTITY_NAMES, type EntityName, isEntityName } from "../entities/names.js";
import { UsageError } from "../errors.js";
import { booleanWord, parseBoolean } from "../util/booleans.js";
import { ALL, NONE, type NumberSelection, parseNumberSpec, selectionToString } from "./number-spec.js";

// The INCLUDE_* variables, parents and aliases come from the entity descriptors.
export { ENTITY_ENV_VARS, ENTITY_PARENT };

export interface EntitySelectionInput {
  /** Raw --include values (each a comma-separated list); undefined when the flag was not given. */
  include?: readonly string[] | undefined;
  /** Raw --exclude values. */
  exclude?: readonly string[] | undefined;
  /** Raw --issues value. */
  issues?: string | undefined;
  /** Raw --pull-requests value. */
  pullRequests?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

export interface EntitySelection {
  /** Entities to run, in ENTITY_NAMES order. */
  entities: Set<EntityName>;
  /** Issue numbers for issues and its children; "none" when neither runs. */
  issues: NumberSelection;
  /** Pull request numbers for pull_requests and its children; "none" when neither runs. */
  pullRequests: NumberSelection;
  warnings: string[];
}

/** Parses one or more comma/space-separated entity lists. */
export function parseEntityList(values: readonly string[], source: string): Set<EntityName> {
  const names = new Set<EntityName>();
  for (const value of values) {
    for (const raw of value.split(/[\s,]+/)) {
      if (raw === "") continue;
      const key = raw.toLowerCase().replaceAll("-", "_");
      const name = isEntityName(key) ? key : ENTITY_ALIASES[key];
      if (!name) {
        throw new UsageError(
          `${source}: unknown entity "${raw}"; valid names are ${ENTITY_NAMES.join(", ")}`,
        );
      }
      names.add(name);
    }
  }
  if (names.size === 0) {
    throw new UsageError(`${source}: the list is empty; valid names are ${ENTITY_NAMES.join(", ")}`);
  }
  return names;
}

interface EnvChoice {
  enabled: boolean;
  /** The number selection, for INCLUDE_ISSUES / INCLUDE_PULL_REQUESTS given as numbers. */
  selection: NumberSelection | undefined;
}

/**
 * INCLUDE_ISSUES / INCLUDE_PULL_REQUESTS: a boolean word or a number spec.
 * Digits are numbers here, as in the Python tool: "1" selects #1.
 */
export function parseBooleanOrSpec(value: string, source: string, noun: string): EnvChoice {
  const trimmed = value.trim();
  if (trimmed === "") {
    throw new UsageError(`${source} is empty; write true, false, or numbers such as "1-5 10"`);
  }
  if (trimmed === "0") {
    throw new UsageError(`${source}: "0" is not ${noun} number; to leave them out write false`);
  }
  const word = /^\d+$/.test(trimmed) ? undefined : booleanWord(trimmed);
  if (word !== undefined) return { enabled: word, selection: undefined };
  if (/^all$/i.test(trimmed)) return { enabled: true, selection: undefined };
  if (/^none$/i.test(trimmed)) return { enabled: false, selection: undefined };
  return { enabled: true, selection: parseNumberSpec(trimmed, source) };
}

function parseFlagSelection(value: string, source: string): NumberSelection {
  return /^\s*all\s*$/i.test(value) ? ALL : parseNumberSpec(value, source);
}

function envChoices(env: EntitySelectionInput["env"]): Map<EntityName, EnvChoice> {
  const choices = new Map<EntityName, EnvChoice>();
  for (const name of ENTITY_NAMES) {
    const variable = ENTITY_ENV_VARS[name];
    const value = env[variable];
    if (value === undefined) continue;
    if (name === "issues") choices.set(name, parseBooleanOrSpec(value, variable, "an issue"));
    else if (name === "pull_requests")
      choices.set(name, parseBooleanOrSpec(value, variable, "a pull request"));
    else choices.set(name, { enabled: parseBoolean(value, variable), selection: undefined });
  }
  return choices;
}

export function resolveEntities(input: EntitySelectionInput): EntitySelection {
  const env = envChoices(input.env);
  const include = input.include === undefined ? undefined : parseEntityList(input.include, "--include");
  const exclude =
    input.exclude === undefined ? new Set<EntityName>() : parseEntityList(input.exclude, "--exclude");

  for (const name of exclude) {
    if (include?.has(name)) throw new UsageError(`"${name}" is both in --include and in --exclude`);
  }

  // --include replaces the environment's on/off choices; without it each INCLUDE_* decides (default on).
  const selected = new Set<EntityName>(
    include ?? ENTITY_NAMES.filter((name) => env.get(name)?.enabled ?? true),
  );

  const numberFlags: Array<[EntityName, string, string | undefined]> = [
    ["issues", "--issues", input.issues],
    ["pull_requests", "--pull-requests", input.pullRequests],
  ];
  const selections = new Map<EntityName, NumberSelection>();
  for (const [parent, flag, raw] of numberFlags) {
    let selection = env.get(parent)?.selection ?? ALL;
    if (raw !== undefined) {
      selection = parseFlagSelection(raw, flag);
      if (exclude.has(parent))
        throw new UsageError(`${flag} selects ${parent}, but --exclude removes ${parent}`);
      const family = [parent, ...childrenOf(parent)];
      if (include && !family.some((name) => include.has(name))) {
        throw new UsageError(`${flag} has no effect: --include names none of ${family.join(", ")}`);
      }
      // The flag beats INCLUDE_ISSUES=false / INCLUDE_PULL_REQUESTS=false.
      if (!include) selected.add(parent);
    }
    selections.set(parent, selection);
  }

  for (const name of exclude) selected.delete(name);

  const warnings: string[] = [];
  const parents = [...new Set(Object.values(ENTITY_PARENT))];
  for (const parent of parents) {
    const orphans = childrenOf(parent).filter((child) => selected.has(child));
    if (selected.has(parent) || orphans.length === 0) {
      if (!selected.has(parent)) selections.set(parent, NONE);
      continue;
    }
    const selection = selections.get(parent) ?? ALL;
    const over = selection.kind === "some" ? `${parent} ${selectionToString(selection)}` : `all ${parent}`;
    const verb = orphans.length === 1 ? "runs" : "run";
    warnings.push(
      `${parent} is not selected, but ${orphans.join(", ")} ${verb} anyway, for ${over}; ` +
        `to skip ${orphans.length === 1 ? "it" : "them"}, use --exclude ${orphans.join(",")} ` +
        `or set ${orphans.map((child) => `${ENTITY_ENV_VARS[child]}=false`).join(" ")}`,
    );
  }

  const entities = new Set(ENTITY_NAMES.filter((name) => selected.has(name)));
  if (entities.size === 0) throw new UsageError("no entity is selected; nothing to do");
  return {
    entities,
    issues: selections.get("issues") ?? ALL,
    pullRequests: selections.get("pull_requests") ?? ALL,
    warnings,
  };
}
