// Seeds reactions on issues, pull requests, conversation comments, review
// comments, releases, discussions and discussion comments: about a quarter of each kind gets a few, the first
// of each kind always has some (the first item every content), and where
// there are enough people one issue gets more than 100, so a client must page
// through a subject's reactions. A PRNG of its own and ids drawn after
// everything else: the rest of the dataset is identical with or without them.
import { addReaction, REACTION_CONTENTS, reactionKey, reactionNodeId } from "../store/reactions.js";
import type { FakeReactionContent, FakeReactionSubject, Iso } from "../store/types.js";
import type { GenContext } from "./context.js";
import { mulberry32 } from "./prng.js";

/** Every 37th reaction belongs to a deleted account, as authored records do. */
const deletedEvery = 37;
/** More than one connection page (GitHub's 100). */
const popularCount = 105;

function plusSeconds(iso: Iso, seconds: number): Iso {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString().replace(".000Z", "Z");
}

/** Reacts to subjects with chosen (person, content) pairs; a deleted account now and then. */
function reactor(ctx: GenContext, seed: number) {
  const { store, repo } = ctx;
  const prng = mulberry32(ctx.seed ^ seed);
  const reactors = [...ctx.people, ctx.bot].map((p) => p.id);
  const pairs = reactors.flatMap((userId) => REACTION_CONTENTS.map((content) => ({ userId, content })));
  let made = 0;

  const react = (
    subject: FakeReactionSubject,
    id: number,
    createdAt: Iso,
    chosen: Array<{ userId: number; content: FakeReactionContent }>,
  ) => {
    chosen.forEach(({ userId, content }, k) => {
      made++;
      const reactionId = store.nextId();
      addReaction(repo, subject, id, {
        id: reactionId,
        node_id: reactionNodeId(reactionId),
        content,
        userId: made % deletedEvery === 0 ? null : userId,
        created_at: plusSeconds(createdAt, 60 * (k + 1)),
      });
    });
  };
  const some = (index: number) =>
    index === 0 || prng.chance(0.25) ? prng.sample(pairs, prng.int(1, 5)) : [];
  return { prng, reactors, pairs, react, some };
}

export function addReactions(ctx: GenContext): void {
  const { repo } = ctx;
  const { prng, reactors, pairs, react, some } = reactor(ctx, 0x4eac7);

  const items = [...repo.issues.values()].sort((a, b) => a.number - b.number);
  items.forEach((issue, index) => {
    let chosen = some(index);
    if (index === 0) {
      // Every content once, and past one page where the people allow it.
      const each = REACTION_CONTENTS.map((content) => ({ userId: prng.pick(reactors), content }));
      const rest = pairs.length > popularCount ? prng.sample(pairs, popularCount) : [];
      const key = (p: { userId: number; content: string }) => `${p.userId}:${p.content}`;
      const seen = new Set(each.map(key));
      chosen = [...each, ...rest.filter((p) => !seen.has(key(p)))];
    }
    react("issue", issue.id, issue.created_at, chosen);
  });
  // The first pull request is the first item of its kind too.
  const firstPull = items.find((issue) => issue.pull !== null);
  if (firstPull && !repo.reactions.has(reactionKey("issue", firstPull.id))) {
    react("issue", firstPull.id, firstPull.created_at, prng.sample(pairs, prng.int(1, 5)));
  }
  repo.comments.forEach((c, index) => {
    react("issue_comment", c.id, c.created_at, some(index));
  });
  repo.reviewComments.forEach((c, index) => {
    react("review_comment", c.id, c.created_at, some(index));
  });
  repo.releases.forEach((r, index) => {
    react("release", r.id, r.created_at, some(index));
  });
}

/**
 * Reactions on discussions, their comments and replies (the first discussion,
 * comment and reply always have some): seeded after everything else, with a PRNG of its
 * own, so the rest of the dataset stays the same.
 */
export function addDiscussionReactions(ctx: GenContext): void {
  const { react, some } = reactor(ctx, 0xd15c4eac);
  ctx.repo.discussions.forEach((d, index) => {
    react("discussion", d.id, d.created_at, some(index));
  });
  const firstReply = ctx.repo.discussionComments.find((c) => c.reply_to_id !== null);
  ctx.repo.discussionComments.forEach((c, index) => {
    react("discussion_comment", c.id, c.created_at, some(c === firstReply ? 0 : index));
  });
}
