// The parts of an issue in the target that restore may still have to change
// after creating it, read from any REST issue object.
import type { IssueRecord } from "./record.js";

export interface IssueState {
  state: "open" | "closed";
  stateReason: string | null;
  locked: boolean;
  lockReason: string | null;
  /** Lower-case logins. */
  assignees: string[];
}

export function issueStateOf(data: unknown): IssueState {
  const d = (data ?? {}) as Record<string, unknown>;
  const assignees = Array.isArray(d.assignees) ? d.assignees : [];
  return {
    state: d.state === "closed" ? "closed" : "open",
    stateReason: typeof d.state_reason === "string" ? d.state_reason : null,
    locked: d.locked === true,
    lockReason: typeof d.active_lock_reason === "string" ? d.active_lock_reason : null,
    assignees: assignees
      .map((a) => (typeof a === "object" && a !== null ? String((a as { login?: unknown }).login ?? "") : ""))
      .filter((l) => l !== "")
      .map((l) => l.toLowerCase()),
  };
}

/** The REST `state_reason` a closed record should get (null = let GitHub pick "completed"). */
export function closingReason(record: IssueRecord): string | null {
  const reason = record.state_reason;
  return reason === "completed" || reason === "not_planned" || reason === "duplicate" ? reason : null;
}
