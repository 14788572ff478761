// Restores pull-request reviews, in their original order, as reviews with
// the event that reproduces their state where the token may (review-event.ts),
// otherwise as COMMENT reviews that record the original state. When review
// comments are restored too, a review's top-level diff comments are created
// with it (one request, and they stay grouped in their review); the rest is
// left to pr_review_comments. On a PR restored as an issue, a review becomes
// a conversation comment.
import { attributionLines } from "../../restore/attribution.js";
import { adoptedContinued, Continuations, continuedEntry, partsPosted } from "../../restore/continuations.js";
import { ConversationComments } from "../../restore/conversation-comments.js";
import { isRefused, rethrowIfAborted } from "../../restore/error-text.js";
import { MarkerIndex } from "../../restore/marker-index.js";
import { byCreation } from "../../restore/order.js";
import { pullChildren } from "../../restore/pull-children.js";
import { restoreChildren } from "../../restore/restore-children.js";
import type { RestoredParent } from "../../restore/restored-parent.js";
import { restoringLogin } from "../../restore/restoring-account.js";
import type { EntityRestorer, RenderedBody, RestoreContext } from "../../restore/types.js";
import { selectionHas } from "../../selection/number-spec.js";
import { inlinePlacement, type Placement, renderReviewComment } from "../pr_review_comments/comment-body.js";
import { PR_REVIEW_COMMENTS_FILE, type PrReviewCommentRecord } from "../pr_review_comments/record.js";
import { PR_REVIEWS_FILE, type PrReviewRecord } from "./record.js";
import { chooseEvent, downgradeNote, needsOtherAuthor } from "./review-event.js";

async function readSelected<T extends { pull_request_number: number }>(
  ctx: RestoreContext,
  file: string,
): Promise<T[]> {
  const out: T[] = [];
  for await (const r of ctx.readRecords<T>(file)) {
    if (selectionHas(ctx.selection.pullRequests, r.pull_request_number)) out.push(r);
  }
  return out;
}

/** Top-level diff comments that can travel with their review (same commit, on a line). */
function inlineCandidates(
  ctx: RestoreContext,
  review: PrReviewRecord,
  comments: readonly PrReviewCommentRecord[],
): Array<{ comment: PrReviewCommentRecord; placement: Placement }> {
  const out: Array<{ comment: PrReviewCommentRecord; placement: Placement }> = [];
  for (const comment of comments) {
    const placement = inlinePlacement(ctx, review.commit_id, comment);
    if (placement) out.push({ comment, placement });
  }
  return out;
}

function reviewAttribution(review: PrReviewRecord, notes: readonly string[]): string[] {
  return attributionLines({
    what: "Originally reviewed",
    author: review.user,
    createdAt: review.submitted_at,
    url: review.html_url || null,
    extraLines: [...notes],
  });
}

class ReviewRestorer {
  private readonly authors = new Map<number, Promise<string | null>>();
  private readonly indexes = new Map<number, MarkerIndex>();
  private readonly conversation: ConversationComments;
  private readonly continuations: Continuations;

  constructor(
    private readonly ctx: RestoreContext,
    /** Diff comments by review id, when pr_review_comments is restored too. */
    private readonly commentsByReview: ReadonlyMap<number, PrReviewCommentRecord[]>,
  ) {
    this.conversation = new ConversationComments(ctx);
    this.continuations = new Continuations(ctx);
  }

  private repo() {
    return { owner: this.ctx.target.owner, repo: this.ctx.target.repo };
  }

  /** Whether the token's account is the author of PR `number` in the target. */
  private async restorerIsAuthor(number: number): Promise<boolean> {
    let author = this.authors.get(number);
    if (!author) {
      author = this.ctx.client.octokit
        .request("GET /repos/{owner}/{repo}/pulls/{pull_number}", {
          ...this.repo(),
          pull_number: number,
          request: { signal: this.ctx.signal },
        })
        .then((r) => r.data.user?.login.toLowerCase() ?? null);
      this.authors.set(number, author);
    }
    return (await author) === (await restoringLogin(this.ctx.client, this.ctx.signal));
  }

  private index(number: number): MarkerIndex {
    let index = this.indexes.get(number);
    if (!index) {
      index = new MarkerIndex(
        this.ctx,
        "pr_review",
        "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
        { params: { pull_number: number } },
      );
      this.indexes.set(number, index);
    }
    return index;
  }

  /** Restores the review (unless an interrupted run did), then the rest of a body too long for one. */
  async restore(review: PrReviewRecord, parent: RestoredParent): Promise<"restored"> {
    const key = String(review.id);
    if (!this.ctx.journal.get("pr_review", key)) await this.restoreReview(review, parent);
    await this.continuations.post(parent.newNumber, "pr_review", key, review.body);
    return "restored";
  }

  private async restoreReview(review: PrReviewRecord, parent: RestoredParent): Promise<"restored"> {
    if (parent.asIssue) return this.asComment(review, parent);
    const key = String(review.id);
    const found = await this.index(parent.newNumber).find(key);
    if (found) {
      await this.ctx.journal.record({
        kind: "pr_review",
        key,
        newId: found.id,
        parentNumber: parent.newNumber,
        outcome: "adopted",
        ...adoptedContinued(this.ctx, found.body, review.body, "pr_review", key),
      });
      return "restored";
    }
    await this.create(review, parent);
    return "restored";
  }

  private async create(review: PrReviewRecord, parent: RestoredParent): Promise<void> {
    const ctx = this.ctx;
    const key = String(review.id);
    const selfAuthored = needsOtherAuthor(review.state)
      ? await this.restorerIsAuthor(parent.newNumber)
      : true;
    let { event, note } = chooseEvent(review.state, selfAuthored);
    let inline = inlineCandidates(ctx, review, this.commentsByReview.get(review.id) ?? []);
    let withCommit = review.commit_id !== null;
    for (;;) {
      const notes = note ? [note] : [];
      if (!withCommit && review.commit_id) notes.push(`It was made on commit \`${review.commit_id}\`.`);
      const rendered = ctx.bodies.render(review.body, {
        kind: "pr_review",
        originalId: key,
        attribution: reviewAttribution(review, notes),
      });
      const bodies = inline.map(({ comment }) => renderReviewComment(ctx, comment));
      try {
        const response = await ctx.client.octokit.request(
          "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews",
          {
            ...this.repo(),
            pull_number: parent.newNumber,
            event,
            body: rendered.body,
            ...(withCommit && review.commit_id ? { commit_id: review.commit_id } : {}),
            ...(inline.length > 0
              ? {
                  comments: inline.map(({ placement }, i) => ({
                    path: placement.path,
                    body: (bodies[i] as RenderedBody).body,
                    line: placement.line,
                    ...(placement.side ? { side: placement.side } : {}),
                    ...(placement.start_line !== undefined ? { start_line: placement.start_line } : {}),
                    ...(placement.start_side ? { start_side: placement.start_side } : {}),
                  })),
                }
              : {}),
            request: { signal: ctx.signal },
          },
        );
        const newId = Number(response.data.id);
        await ctx.journal.record({
          kind: "pr_review",
          key,
          newId,
          parentNumber: parent.newNumber,
          outcome: "created",
          pendingRefs: rendered.pendingRefs,
          ...continuedEntry(rendered),
          ...(note ? { note: `as ${event}; original state ${review.state}` } : {}),
        });
        if (inline.length > 0)
          await this.recordInline(
            parent.newNumber,
            newId,
            inline.map((x) => x.comment),
            bodies,
          );
        return;
      } catch (error) {
        rethrowIfAborted(error, ctx.signal);
        if (!isRefused(error)) throw error;
        // Narrow down what GitHub refused: the diff comments (left to pr_review_comments),
        // the commit, then the event.
        if (inline.length > 0) inline = [];
        else if (withCommit) withCommit = false;
        else if (event !== "COMMENT") {
          note = downgradeNote(review.state, "GitHub refused that review state here");
          event = "COMMENT";
        } else throw error;
      }
    }
  }

  /** Journals the diff comments created with review `newId`, with their new ids. */
  private async recordInline(
    number: number,
    newId: number,
    comments: readonly PrReviewCommentRecord[],
    bodies: readonly RenderedBody[],
  ): Promise<void> {
    const ctx = this.ctx;
    // First without ids: whatever happens next, pr_review_comments will not post them twice.
    for (const [i, c] of comments.entries()) {
      await ctx.journal.record({
        kind: "pr_review_comment",
        key: String(c.id),
        parentNumber: number,
        outcome: "created",
        pendingRefs: bodies[i]?.pendingRefs ?? [],
        note: `with review ${newId}`,
      });
    }
    const index = new MarkerIndex(
      ctx,
      "pr_review_comment",
      "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
      { params: { pull_number: number } },
    ).alwaysList();
    for (const c of comments) {
      const found = await index.find(String(c.id));
      if (found)
        await ctx.journal.record({
          kind: "pr_review_comment",
          key: String(c.id),
          newId: found.id,
          outcome: "created",
        });
    }
  }

  /** On a PR restored as an issue there is no diff to review: the review becomes a comment. */
  private async asComment(review: PrReviewRecord, parent: RestoredParent): Promise<"restored"> {
    const ctx = this.ctx;
    const key = String(review.id);
    const rendered = ctx.bodies.render(review.body, {
      kind: "pr_review",
      originalId: key,
      attribution: reviewAttribution(review, [`Original review state: **${review.state}**.`]),
    });
    const posted = await this.conversation.post(parent.newNumber, "pr_review", key, () => rendered);
    // The comment is journalled as a conversation comment (whose body the references pass can
    // fix); the review's own entry only says where it went.
    await ctx.journal.record({
      kind: "pr_comment",
      key: `review-${key}`,
      newId: posted.id,
      parentNumber: parent.newNumber,
      outcome: posted.adopted ? "adopted" : "created",
      pendingRefs: posted.pendingRefs,
    });
    await ctx.journal.record({
      kind: "pr_review",
      key,
      parentNumber: parent.newNumber,
      outcome: "created",
      note: `as conversation comment ${posted.id} on issue #${parent.newNumber}`,
      ...(posted.adopted
        ? adoptedContinued(ctx, posted.body, review.body, "pr_review", key)
        : continuedEntry(rendered)),
    });
    return "restored";
  }
}

export const prReviewsRestorer: EntityRestorer = {
  name: "pr_reviews",
  dependsOn: ["pull_requests"],
  files: [PR_REVIEWS_FILE],
  async restore(ctx) {
    const reviews = (await readSelected<PrReviewRecord>(ctx, PR_REVIEWS_FILE)).sort(
      byCreation((r) => r.submitted_at),
    );
    const byReview = new Map<number, PrReviewCommentRecord[]>();
    if (ctx.selection.entities.has("pr_review_comments")) {
      for (const c of await readSelected<PrReviewCommentRecord>(ctx, PR_REVIEW_COMMENTS_FILE)) {
        if (c.pull_request_review_id === null) continue;
        const list = byReview.get(c.pull_request_review_id) ?? [];
        list.push(c);
        byReview.set(c.pull_request_review_id, list);
      }
      for (const list of byReview.values()) list.sort(byCreation((c) => c.created_at));
    }
    const restorer = new ReviewRestorer(ctx, byReview);
    return restoreChildren(ctx, reviews, {
      entity: "pr_reviews",
      kind: "pr_review",
      noun: "review",
      key: (r) => String(r.id),
      parentNumber: (r) => r.pull_request_number,
      ...pullChildren(ctx),
      text: (r) => r.body,
      isDone: (r) => partsPosted(ctx, "pr_review", String(r.id)),
      restore: (r, parent) => restorer.restore(r, parent),
    });
  },
};
