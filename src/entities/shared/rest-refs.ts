// The nested objects every record shares, mapped from GitHub REST JSON.
import type { LabelRef, MilestoneRef, UserRef } from "../../backup/record-parts.js";
import { arr, int, type Json, obj, objOrNull, str, strOrNull } from "./fields.js";

export type { LabelRef, MilestoneRef, UserRef };

/** null for a deleted user (GitHub sends `user: null`). */
export function userRef(value: unknown, what: string): UserRef | null {
  const user = objOrNull(value, what);
  if (user === null) return null;
  return {
    login: str(user.login, `${what}.login`),
    id: int(user.id, `${what}.id`),
    type: str(user.type, `${what}.type`),
  };
}

export function userRefs(value: unknown, what: string): UserRef[] {
  return arr(value ?? [], what).flatMap((u, i) => {
    const ref = userRef(u, `${what}[${i}]`);
    return ref ? [ref] : [];
  });
}

export function labelRefs(value: unknown, what: string): LabelRef[] {
  return arr(value ?? [], what).map((l, i) => {
    const label = obj(l, `${what}[${i}]`);
    return {
      name: str(label.name, `${what}[${i}].name`),
      color: str(label.color, `${what}[${i}].color`),
      description: strOrNull(label.description, `${what}[${i}].description`),
    };
  });
}

export function milestoneRef(value: unknown, what: string): MilestoneRef | null {
  const m = objOrNull(value, what);
  if (m === null) return null;
  return { number: int(m.number, `${what}.number`), title: str(m.title, `${what}.title`) };
}

export type { Json };
