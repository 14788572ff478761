// Which review event reproduces a saved review state, and what the
// attribution must say when it cannot: GitHub lets nobody approve or request
// changes on their own pull request (a single-token restore authors every
// PR), and a dismissed or pending review cannot be created as such.
import type { ReviewState } from "./record.js";

export type ReviewEvent = "APPROVE" | "REQUEST_CHANGES" | "COMMENT";

export interface EventChoice {
  event: ReviewEvent;
  /** A line for the attribution when the state is not reproduced; null when it is. */
  note: string | null;
}

export function chooseEvent(state: ReviewState, restorerIsAuthor: boolean): EventChoice {
  switch (state) {
    case "COMMENTED":
      return { event: "COMMENT", note: null };
    case "APPROVED":
    case "CHANGES_REQUESTED":
      if (!restorerIsAuthor)
        return { event: state === "APPROVED" ? "APPROVE" : "REQUEST_CHANGES", note: null };
      return {
        event: "COMMENT",
        note: downgradeNote(state, "GitHub does not let the restoring account review its own pull request"),
      };
    case "DISMISSED":
      return { event: "COMMENT", note: downgradeNote(state, "a dismissed review cannot be recreated") };
    case "PENDING":
      return { event: "COMMENT", note: downgradeNote(state, "it was never submitted") };
    default:
      return { event: "COMMENT", note: downgradeNote(state, "an unknown state") };
  }
}

export function downgradeNote(state: string, why: string): string {
  return `Original review state: **${state}** (restored as a comment: ${why}).`;
}

/** Whether the event needs the restorer to be someone else than the PR's author. */
export function needsOtherAuthor(state: ReviewState): boolean {
  return state === "APPROVED" || state === "CHANGES_REQUESTED";
}
