// GraphQL objects mapped to the REST shapes the backup format uses, so a
// record looks the same whichever API fetched it.
import { int, type Json, objOrNull, str, strOrNull } from "./fields.js";
import type { LabelRef, MilestoneRef, UserRef } from "./rest-refs.js";

/** Selection for an actor, matching `actorRef`. */
export const ACTOR_FIELDS =
  "__typename login ... on User { databaseId } ... on Bot { databaseId } ... on Organization { databaseId }";

/** Selection for a `User` (assignees are always users). */
export const USER_FIELDS = "__typename login databaseId";

export const LABEL_FIELDS = "name color description";

/** REST shows bots as "name[bot]"; GraphQL gives the bare name. */
export function actorRef(value: unknown, what: string): UserRef | null {
  const actor = objOrNull(value, what);
  if (actor === null) return null;
  const type = str(actor.__typename, `${what}.__typename`);
  const login = str(actor.login, `${what}.login`);
  return {
    login: type === "Bot" && !login.endsWith("[bot]") ? `${login}[bot]` : login,
    id: int(actor.databaseId, `${what}.databaseId`),
    type: type === "Mannequin" ? "User" : type,
  };
}

export function labelRef(label: Json, what: string): LabelRef {
  return {
    name: str(label.name, `${what}.name`),
    color: str(label.color, `${what}.color`),
    description: strOrNull(label.description, `${what}.description`),
  };
}

export function gqlMilestoneRef(value: unknown, what: string): MilestoneRef | null {
  const m = objOrNull(value, what);
  return m === null
    ? null
    : { number: int(m.number, `${what}.number`), title: str(m.title, `${what}.title`) };
}

/** GraphQL enum values (NOT_PLANNED, TOO_HEATED) as REST spells them (not_planned, too heated). */
export function restEnum(value: unknown, what: string, spaces = false): string | null {
  const v = strOrNull(value, what);
  if (v === null) return null;
  const lower = v.toLowerCase();
  return spaces ? lower.replace(/_/g, " ") : lower;
}

/** REST lock reasons: "off-topic", "too heated", "resolved", "spam". */
export function lockReason(value: unknown, what: string): string | null {
  const v = restEnum(value, what);
  if (v === null) return null;
  return v === "off_topic" ? "off-topic" : v.replace(/_/g, " ");
}

/** GitHub's BigInt ids arrive as strings. */
export function databaseId(node: Json, what: string): number {
  return int(node.fullDatabaseId ?? node.databaseId, `${what}.fullDatabaseId`);
}
