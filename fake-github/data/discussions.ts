// Seeds discussions on every dataset whose repository has them turned on:
// GitHub's default categories (plus a hostile one on tricky), discussions in
// every category with labels, answers, every close reason and locks, and
// comments with threaded replies. On medium and large one discussion has more
// comments than a GraphQL page and one comment more replies than a page, so
// nested connections are paginated. A PRNG of its own and no clock reads: the
// rest of the dataset is identical with or without discussions.
import {
  addDiscussionCategory,
  ensureDefaultCategories,
  insertDiscussion,
  insertDiscussionComment,
} from "../store/discussions.js";
import type {
  DiscussionStateReason,
  FakeDiscussion,
  FakeDiscussionCategory,
  LockReason,
} from "../store/types.js";
import type { DatasetName } from "./configs.js";
import type { GenContext } from "./context.js";
import { mulberry32 } from "./prng.js";
import { commentBody, title } from "./text.js";

const PER_DATASET: Record<DatasetName, number> = {
  small: 6,
  medium: 40,
  large: 60,
  skewed: 6,
  tricky: 8,
  empty: 0,
};

/** Comments and replies of the discussion and the comment that overflow a GraphQL page. */
const LONG_COMMENTS = 130;
const LONG_REPLIES = 120;

const CLOSES: Array<DiscussionStateReason | null> = [null, "resolved", null, "outdated", null, "duplicate"];

function at(base: number, seconds: number): string {
  return new Date(base + seconds * 1000).toISOString().replace(".000Z", "Z");
}

export function addDiscussions(ctx: GenContext, dataset: DatasetName): void {
  const { store, repo } = ctx;
  const count = PER_DATASET[dataset];
  if (count === 0 || !repo.settings.has_discussions) return;
  const prng = mulberry32(ctx.seed ^ 0xd15c);
  const base = Date.parse(repo.created_at) + 86_400_000;
  ensureDefaultCategories(store, repo, at(base, 0));
  const tricky = dataset === "tricky";
  if (tricky) {
    addDiscussionCategory(
      store,
      repo,
      {
        name: 'Ünïcode <b>& "quotes"</b> 🚀',
        emoji: ":rocket:",
        description: "@alice <script>alert('x')</script> #1",
        is_answerable: true,
      },
      at(base, 1),
    );
  }
  const categories = repo.discussionCategories;
  const labels = repo.labels;
  const someone = (): number | null => (prng.chance(0.05) ? null : prng.pick(ctx.people).id);
  let clock = 60;
  const next = (step: number) => {
    clock += step;
    return at(base, clock);
  };

  for (let i = 0; i < count; i++) {
    const category = categories[i % categories.length] as FakeDiscussionCategory;
    const created = next(3600);
    const discussion = insertDiscussion(store, repo, {
      title: tricky && i === 0 ? 'Ünïcödé ✓ 日本語 <b>bold</b> & "quotes" 🚀' : `Discuss: ${title(prng)}`,
      body: discussionBody(ctx, prng, i, tricky),
      categoryId: category.id,
      userId: i === 1 ? null : someone(),
      labelIds: labels.length > 0 && i % 3 === 0 ? prng.sample(labels, 2).map((l) => l.id) : [],
      locked: false,
      active_lock_reason: null,
      closed: false,
      state_reason: null,
      answerCommentId: null,
      upvote_count: prng.int(0, 12),
      created_at: created,
      updated_at: created,
      closed_at: null,
    });
    const long = i === 0 && (dataset === "medium" || dataset === "large");
    const comments = long ? LONG_COMMENTS : prng.int(0, 4);
    let answerable: number | null = null;
    for (let c = 0; c < comments; c++) {
      const comment = insertDiscussionComment(store, repo, {
        discussion_number: discussion.number,
        reply_to_id: null,
        body:
          tricky && c === 0
            ? "Thanks @alice! See #1 and <b>this</b>\r\nsecond line"
            : commentBody(prng, ctx.logins, 5),
        userId: someone(),
        upvote_count: prng.int(0, 5),
        created_at: next(60),
        updated_at: at(base, clock),
      });
      answerable ??= comment.id;
      const replies = long && c === 1 ? LONG_REPLIES : prng.chance(0.4) ? prng.int(1, 3) : 0;
      for (let r = 0; r < replies; r++) {
        insertDiscussionComment(store, repo, {
          discussion_number: discussion.number,
          reply_to_id: comment.id,
          body: commentBody(prng, ctx.logins, 5),
          userId: someone(),
          upvote_count: prng.int(0, 3),
          created_at: next(5),
          updated_at: at(base, clock),
        });
      }
    }
    if (category.is_answerable && answerable !== null) discussion.answerCommentId = answerable;
    finish(discussion, i, at(base, clock + 30));
  }
}

function discussionBody(
  ctx: GenContext,
  prng: ReturnType<typeof mulberry32>,
  i: number,
  tricky: boolean,
): string {
  if (tricky && i === 0) {
    return "Hi @alice and @bob, this relates to #1 and octo-org/sample#2.\r\n<script>alert('x')</script>\n\n```js\nconst a = `@carol #3`;\n```\n";
  }
  if (tricky && i === 2) return "";
  return `${commentBody(prng, ctx.logins, 5)} ${prng.chance(0.3) ? `cc @${prng.pick(ctx.logins)}` : ""}`.trim();
}

/** Close reasons and locks in turn, so every value appears on every dataset with enough discussions. */
function finish(discussion: FakeDiscussion, i: number, when: string): void {
  const reason = CLOSES[i % CLOSES.length] ?? null;
  if (reason) {
    discussion.closed = true;
    discussion.state_reason = reason;
    discussion.closed_at = when;
    discussion.updated_at = when;
  }
  if (i % 4 === 2) {
    const reasons: Array<LockReason | null> = ["resolved", "off-topic", null];
    discussion.locked = true;
    discussion.active_lock_reason = reasons[i % reasons.length] ?? null;
    discussion.updated_at = when;
  }
}
