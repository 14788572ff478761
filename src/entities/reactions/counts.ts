// Reaction counts for the attribution of restored objects: GitHub lets a
// token add only its own reactions, so each restored issue, pull request,
// comment, review comment, release, discussion and discussion comment says
// how people had reacted, e.g. "Reactions: 👍 3 · ❤️ 1". The counts are read from reactions.jsonl once,
// before any job writes a body, so a rerun writes the same attribution.
import type { ObjectKind } from "../../restore/types.js";
import { REACTION_CONTENTS, type ReactionContent, type ReactionRecord } from "./record.js";

const EMOJI: Record<ReactionContent, string> = {
  "+1": "👍",
  "-1": "👎",
  laugh: "😄",
  hooray: "🎉",
  confused: "😕",
  heart: "❤️",
  rocket: "🚀",
  eyes: "👀",
};

/** The subject type whose reactions a restored object of `kind` shows (pull-request comments are issue comments). */
const SUBJECT_OF_KIND: Partial<Record<ObjectKind, string>> = {
  issue: "issue",
  pull_request: "pull_request",
  issue_comment: "issue_comment",
  pr_comment: "issue_comment",
  pr_review_comment: "pr_review_comment",
  release: "release",
  discussion: "discussion",
  discussion_comment: "discussion_comment",
};

/** "👍 3 · ❤️ 1", in GitHub's order of the contents. */
export function reactionSummary(counts: ReadonlyMap<string, number>): string {
  return REACTION_CONTENTS.filter((c) => (counts.get(c) ?? 0) > 0)
    .map((c) => `${EMOJI[c]} ${counts.get(c)}`)
    .join(" · ");
}

export class ReactionCounts {
  readonly #bySubject = new Map<string, Map<string, number>>();

  static async read(records: AsyncIterable<ReactionRecord>): Promise<ReactionCounts> {
    const counts = new ReactionCounts();
    for await (const r of records) {
      // Untrusted input: only what the format allows is counted.
      if (!(REACTION_CONTENTS as readonly string[]).includes(r.content)) continue;
      const key = `${r.subject_type}:${r.subject_id}`;
      let subject = counts.#bySubject.get(key);
      if (subject === undefined) {
        subject = new Map();
        counts.#bySubject.set(key, subject);
      }
      subject.set(r.content, (subject.get(r.content) ?? 0) + 1);
    }
    return counts;
  }

  /** The attribution line of a restored object, or null when it had no reactions. */
  lineFor(kind: ObjectKind, originalId: string): string | null {
    const type = SUBJECT_OF_KIND[kind];
    const counts = type === undefined ? undefined : this.#bySubject.get(`${type}:${originalId}`);
    return counts === undefined ? null : `Reactions: ${reactionSummary(counts)}`;
  }
}
