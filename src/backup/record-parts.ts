// Nested shapes that several backup record types share (docs/format.md).
// Field names are GitHub's REST names whichever API fetched the data.

/** ISO 8601 UTC timestamp as GitHub's REST API writes it, e.g. "2025-04-01T12:00:00Z". */
export type Timestamp = string;

/** A user reference; records hold `null` where GitHub shows a deleted user ("ghost"). */
export interface UserRef {
  login: string;
  /** GitHub's numeric user id. */
  id: number;
  /** "User", "Bot", "Organization" or "Mannequin". */
  type: string;
}

/** A label as attached to an issue or pull request. */
export interface LabelRef {
  name: string;
  /** Six hex digits, no "#". */
  color: string;
  description: string | null;
}

/** A milestone as attached to an issue or pull request. */
export interface MilestoneRef {
  number: number;
  title: string;
}
