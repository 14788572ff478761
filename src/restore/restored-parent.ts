// Where the children of an issue or pull request go in the target: the
// parent's new number, and whether a pull request had to be restored as an
// issue (no reviews or diff comments there).
import type { JournalEntry, RestoreContext } from "./types.js";

export interface RestoredParent {
  newNumber: number;
  /** A pull request that could not be recreated and lives on as an issue. */
  asIssue: boolean;
  /** Created by a restore (so its author is the restoring account), or adopted. */
  outcome: JournalEntry["outcome"];
}

/** The issue route's journal note starts so; a later "updated" entry may replace the outcome, never the note. */
export const AS_ISSUE_NOTE = "restored as issue";

export function isIssueEntry(entry: Pick<JournalEntry, "outcome" | "note">): boolean {
  return entry.outcome === "restored-as-issue" || entry.note?.includes(AS_ISSUE_NOTE) === true;
}

/** Where pull request `originalNumber` went, when it was restored. */
export function restoredPull(ctx: RestoreContext, originalNumber: number): RestoredParent | undefined {
  const entry = ctx.journal.byNumber("pull_request", originalNumber);
  if (!entry || entry.newNumber === undefined) return undefined;
  return { newNumber: entry.newNumber, asIssue: isIssueEntry(entry), outcome: entry.outcome };
}

/** Where issue `originalNumber` went, when it was restored. */
export function restoredIssue(ctx: RestoreContext, originalNumber: number): RestoredParent | undefined {
  const entry = ctx.journal.byNumber("issue", originalNumber);
  if (!entry || entry.newNumber === undefined) return undefined;
  return { newNumber: entry.newNumber, asIssue: false, outcome: entry.outcome };
}
