// Reactions by subject. Every subject's list lives under one key of
// `FakeRepo.reactions`; REST rollups, the per-subject REST lists and GraphQL
// `reactions` all read it here.
import type { FakeReaction, FakeReactionContent, FakeReactionSubject, FakeRepo } from "./types.js";

/** REST's reaction names, in the order GitHub's rollup lists them. */
export const REACTION_CONTENTS: readonly FakeReactionContent[] = [
  "+1",
  "-1",
  "laugh",
  "hooray",
  "confused",
  "heart",
  "rocket",
  "eyes",
];

export function reactionKey(subject: FakeReactionSubject, id: number): string {
  return `${subject}:${id}`;
}

const none: readonly FakeReaction[] = [];

/** A subject's reactions, oldest first (empty when it has none). */
export function reactionsOf(
  repo: FakeRepo,
  subject: FakeReactionSubject,
  id: number,
): readonly FakeReaction[] {
  return repo.reactions.get(reactionKey(subject, id)) ?? none;
}

export function addReaction(
  repo: FakeRepo,
  subject: FakeReactionSubject,
  id: number,
  reaction: FakeReaction,
): void {
  const key = reactionKey(subject, id);
  const list = repo.reactions.get(key);
  if (list) list.push(reaction);
  else repo.reactions.set(key, [reaction]);
}

export function reactionNodeId(id: number): string {
  return `REA_${Buffer.from(String(id)).toString("base64url")}`;
}

/** GitHub's REST rollup of a subject's reactions. */
export function reactionRollup(url: string, reactions: readonly FakeReaction[]): Record<string, unknown> {
  const counts = Object.fromEntries(REACTION_CONTENTS.map((content) => [content, 0])) as Record<
    FakeReactionContent,
    number
  >;
  for (const reaction of reactions) counts[reaction.content] += 1;
  return {
    url,
    total_count: reactions.length,
    "+1": counts["+1"],
    "-1": counts["-1"],
    laugh: counts.laugh,
    hooray: counts.hooray,
    confused: counts.confused,
    heart: counts.heart,
    rocket: counts.rocket,
    eyes: counts.eyes,
  };
}
