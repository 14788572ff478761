// Restores review (diff) comments: top-level comments on their line at their
// commit, replies threaded under the new id of the comment they answer. When
// GitHub cannot place one (the commit or line is not in the new PR's diff, the
// PR was restored as an issue, the thread's first comment could not be placed)
// it becomes a conversation comment quoting path, line and diff hunk. Comments
// already created together with their review (pr_reviews) are skipped.
import { adoptedContinued, Continuations, continuedEntry, partsPosted } from "../../restore/continuations.js";
import { ConversationComments } from "../../restore/conversation-comments.js";
import { isRefused, refusalText, rethrowIfAborted } from "../../restore/error-text.js";
import { MarkerIndex } from "../../restore/marker-index.js";
import { byCreation } from "../../restore/order.js";
import { pullChildren } from "../../restore/pull-children.js";
import { restoreChildren } from "../../restore/restore-children.js";
import type { RestoredParent } from "../../restore/restored-parent.js";
import type { EntityRestorer, RenderedBody, RestoreContext } from "../../restore/types.js";
import { selectionHas } from "../../selection/number-spec.js";
import { PR_REVIEWS_FILE, type PrReviewRecord } from "../pr_reviews/record.js";
import {
  inlinePlacement,
  nearestHunkLine,
  type Placement,
  placementOf,
  renderFallback,
  renderReviewComment,
} from "./comment-body.js";
import { PR_REVIEW_COMMENTS_FILE, type PrReviewCommentRecord } from "./record.js";

/** Journal note of a review comment restored as a conversation comment. */
export const FALLBACK_NOTE = "as a conversation comment: ";

class ReviewCommentRestorer {
  private readonly conversation: ConversationComments;
  private readonly continuations: Continuations;
  /** Review comments an interrupted run created (any PR), by marker. */
  private readonly created: MarkerIndex;
  /** Per PR, listed even in a new target: ids of comments created inline with their review. */
  private readonly perPull = new Map<number, MarkerIndex>();

  constructor(
    private readonly ctx: RestoreContext,
    private readonly byId: ReadonlyMap<number, PrReviewCommentRecord>,
  ) {
    this.conversation = new ConversationComments(ctx);
    this.continuations = new Continuations(ctx);
    this.created = new MarkerIndex(ctx, "pr_review_comment", "GET /repos/{owner}/{repo}/pulls/comments");
  }

  private repo() {
    return { owner: this.ctx.target.owner, repo: this.ctx.target.repo };
  }

  /** Restores the comment (unless an interrupted run did), then the rest of a text too long for one body. */
  async restore(c: PrReviewCommentRecord, parent: RestoredParent): Promise<"restored"> {
    const key = String(c.id);
    if (!this.ctx.journal.get("pr_review_comment", key)) await this.restoreComment(c, parent);
    await this.continuations.post(parent.newNumber, "pr_review_comment", key, c.body);
    return "restored";
  }

  private async restoreComment(c: PrReviewCommentRecord, parent: RestoredParent): Promise<RenderedBody> {
    const key = String(c.id);
    const replyTo = c.in_reply_to_id === null ? null : (this.byId.get(c.in_reply_to_id) ?? null);
    if (parent.asIssue) return this.fallback(c, parent, "the pull request was restored as an issue", replyTo);
    const found = await this.created.find(key);
    if (found) {
      await this.ctx.journal.record({
        kind: "pr_review_comment",
        key,
        newId: found.id,
        parentNumber: parent.newNumber,
        outcome: "adopted",
        ...adoptedContinued(this.ctx, found.body, c.body, "pr_review_comment", key),
      });
      return renderReviewComment(this.ctx, c);
    }
    return c.in_reply_to_id === null
      ? this.topLevel(c, parent)
      : this.reply(c, c.in_reply_to_id, replyTo, parent);
  }

  private async topLevel(c: PrReviewCommentRecord, parent: RestoredParent): Promise<RenderedBody> {
    const placement = placementOf(c);
    if (!placement) return this.fallback(c, parent, "it has no line in the diff any more", null);
    if (placement.commit_id === "")
      return this.fallback(c, parent, "the backup does not record its commit", null);
    const rendered = renderReviewComment(this.ctx, c);
    try {
      return await this.postOnLine(c, parent, placement, rendered);
    } catch (error) {
      rethrowIfAborted(error, this.ctx.signal);
      if (!isRefused(error)) throw error;
      const refusal = refusalText(error, this.ctx.client.redact);
      const nearer = await this.onNearestLine(c, parent, placement);
      if (nearer) return nearer;
      return this.fallback(c, parent, `GitHub could not place it on its line (${refusal})`, null);
    }
  }

  /** Creates the comment at `placement` and journals it. */
  private async postOnLine(
    c: PrReviewCommentRecord,
    parent: RestoredParent,
    placement: Placement,
    rendered: RenderedBody,
  ): Promise<RenderedBody> {
    const response = await this.ctx.client.octokit.request(
      "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments",
      {
        ...this.repo(),
        pull_number: parent.newNumber,
        body: rendered.body,
        ...placement,
        request: { signal: this.ctx.signal },
      },
    );
    await this.recordCreated(c, parent, Number(response.data.id), rendered);
    return rendered;
  }

  /**
   * Places a comment GitHub refused on its recorded line on the nearest line
   * its diff hunk shows instead, saying in the attribution where it was.
   * Null when there is no other line or GitHub refuses that too.
   */
  private async onNearestLine(
    c: PrReviewCommentRecord,
    parent: RestoredParent,
    placement: Placement,
  ): Promise<RenderedBody | null> {
    const line = nearestHunkLine(c, placement);
    if (line === null) return null;
    const was = `It was on line ${placement.line}${c.original_line !== null ? ` (original_line ${c.original_line})` : ""}; GitHub refused that line, so it is on the nearest line still in the diff.`;
    const rendered = renderReviewComment(this.ctx, c, [was]);
    const { start_line: _s, start_side: _ss, ...single } = placement;
    try {
      await this.postOnLine(c, parent, { ...single, line }, rendered);
      this.ctx.log.info(`review comment ${c.id} placed on line ${line} instead of ${placement.line}`);
      return rendered;
    } catch (error) {
      rethrowIfAborted(error, this.ctx.signal);
      if (!isRefused(error)) throw error;
      return null;
    }
  }

  private async reply(
    c: PrReviewCommentRecord,
    inReplyTo: number,
    replyTo: PrReviewCommentRecord | null,
    parent: RestoredParent,
  ): Promise<RenderedBody> {
    const entry = this.ctx.journal.get("pr_review_comment", String(inReplyTo));
    if (!entry) return this.fallback(c, parent, "the comment it answers was not restored", replyTo);
    if (entry.note?.startsWith(FALLBACK_NOTE)) {
      return this.fallback(c, parent, "its thread is restored as conversation comments", replyTo);
    }
    const target = entry.newId ?? (await this.createdIn(parent.newNumber).find(String(inReplyTo)))?.id;
    if (target === undefined)
      return this.fallback(c, parent, "the comment it answers was not found", replyTo);
    const rendered = renderReviewComment(this.ctx, c);
    try {
      const response = await this.ctx.client.octokit.request(
        "POST /repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies",
        {
          ...this.repo(),
          pull_number: parent.newNumber,
          comment_id: target,
          body: rendered.body,
          request: { signal: this.ctx.signal },
        },
      );
      await this.recordCreated(c, parent, Number(response.data.id), rendered);
      return rendered;
    } catch (error) {
      rethrowIfAborted(error, this.ctx.signal);
      if (!isRefused(error)) throw error;
      return this.fallback(
        c,
        parent,
        `GitHub refused the reply (${refusalText(error, this.ctx.client.redact)})`,
        replyTo,
      );
    }
  }

  private createdIn(number: number): MarkerIndex {
    let index = this.perPull.get(number);
    if (!index) {
      index = new MarkerIndex(
        this.ctx,
        "pr_review_comment",
        "GET /repos/{owner}/{repo}/pulls/{pull_number}/comments",
        { params: { pull_number: number } },
      ).alwaysList();
      this.perPull.set(number, index);
    }
    return index;
  }

  private async recordCreated(
    c: PrReviewCommentRecord,
    parent: RestoredParent,
    newId: number,
    rendered: RenderedBody,
  ): Promise<void> {
    await this.ctx.journal.record({
      kind: "pr_review_comment",
      key: String(c.id),
      newId,
      parentNumber: parent.newNumber,
      outcome: "created",
      pendingRefs: rendered.pendingRefs,
      ...continuedEntry(rendered),
    });
  }

  private async fallback(
    c: PrReviewCommentRecord,
    parent: RestoredParent,
    reason: string,
    replyTo: PrReviewCommentRecord | null,
  ): Promise<RenderedBody> {
    const key = String(c.id);
    const rendered = renderFallback(this.ctx, c, reason, replyTo);
    const posted = await this.conversation.post(parent.newNumber, "pr_review_comment", key, () => rendered);
    // Journalled as a conversation comment (the references pass edits it through that endpoint);
    // the review comment's own entry says where it went, with no id of a review comment.
    await this.ctx.journal.record({
      kind: "pr_comment",
      key: `review-comment-${key}`,
      newId: posted.id,
      parentNumber: parent.newNumber,
      outcome: posted.adopted ? "adopted" : "created",
      pendingRefs: posted.pendingRefs,
    });
    await this.ctx.journal.record({
      kind: "pr_review_comment",
      key,
      parentNumber: parent.newNumber,
      outcome: "created",
      note: `${FALLBACK_NOTE}${reason}`,
      ...(posted.adopted
        ? adoptedContinued(this.ctx, posted.body, c.body, "pr_review_comment", key)
        : continuedEntry(rendered)),
    });
    if (!parent.asIssue) this.ctx.log.info(`review comment ${key} restored ${FALLBACK_NOTE}${reason}`);
    return rendered;
  }
}

/** Dry run: the commit of every review the pr_reviews job will create (its diff comments travel with it). */
async function plannedReviewCommits(ctx: RestoreContext): Promise<Map<number, string | null>> {
  const out = new Map<number, string | null>();
  if (!ctx.selection.entities.has("pr_reviews")) return out;
  for await (const r of ctx.readRecords<PrReviewRecord>(PR_REVIEWS_FILE)) {
    if (!ctx.journal.get("pr_review", String(r.id))) out.set(r.id, r.commit_id);
  }
  return out;
}

export const prReviewCommentsRestorer: EntityRestorer = {
  name: "pr_review_comments",
  dependsOn: ["pr_reviews", "pull_requests"],
  files: [PR_REVIEW_COMMENTS_FILE],
  async restore(ctx: RestoreContext) {
    const comments: PrReviewCommentRecord[] = [];
    for await (const c of ctx.readRecords<PrReviewCommentRecord>(PR_REVIEW_COMMENTS_FILE)) {
      if (selectionHas(ctx.selection.pullRequests, c.pull_request_number)) comments.push(c);
    }
    comments.sort(byCreation((c) => c.created_at));
    const restorer = new ReviewCommentRestorer(ctx, new Map(comments.map((c) => [c.id, c])));
    const reviewCommits = ctx.options.dryRun
      ? await plannedReviewCommits(ctx)
      : new Map<number, string | null>();
    const pullPlan = pullChildren<PrReviewCommentRecord>(ctx);
    return restoreChildren(ctx, comments, {
      entity: "pr_review_comments",
      kind: "pr_review_comment",
      noun: "review comment",
      key: (c) => String(c.id),
      parentNumber: (c) => c.pull_request_number,
      ...pullPlan,
      plan: (c, parent) => {
        const planned = pullPlan.plan(c, parent);
        // A top-level comment of a review still to be created travels inside the review's request.
        const commit =
          c.pull_request_review_id === null ? undefined : reviewCommits.get(c.pull_request_review_id);
        if (!planned.create || commit === undefined || !inlinePlacement(ctx, commit, c)) return planned;
        return { create: true, writes: 0, note: "(with its review)" };
      },
      text: (c) => c.body,
      isDone: (c) => partsPosted(ctx, "pr_review_comment", String(c.id)),
      restore: (c, parent) => restorer.restore(c, parent),
    });
  },
};
