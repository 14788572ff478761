// Restores discussions with GraphQL mutations, in their original order: each
// into the target category of the same name (a missing one maps to a fallback,
// reported per discussion), with an attribution block; then its comments and
// replies, each reply under its restored parent; then labels, the answer, the
// closed state with its reason and the lock. Every created object is
// journalled (a rerun goes on where it stopped) and carries a marker, so
// objects an interrupted run created without journalling them are adopted.
// GitHub offers no API to create categories or to turn discussions on other
// than the repository's settings: a target with discussions off is skipped
// with what to do, unless the backup's settings (also being restored) turn
// them on.
import { attributionLines } from "../../restore/attribution.js";
import { failItem } from "../../restore/error-text.js";
import { byCreation } from "../../restore/order.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { REPOSITORY_FILE, type RepositoryRecord } from "../repository/record.js";
import { int, obj, str } from "../shared/fields.js";
import {
  DISCUSSION_CATEGORIES_FILE,
  DISCUSSION_COMMENTS_FILE,
  DISCUSSIONS_FILE,
  type DiscussionCommentRecord,
  type DiscussionRecord,
} from "./record.js";
import {
  discussionNodeId,
  markedComments,
  markedDiscussions,
  mutate,
  readTarget,
  type TargetCategory,
  type TargetInfo,
  type TargetObject,
} from "./target.js";

const CREATE = `mutation($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) { createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) { discussion { id databaseId number } } }`;
const COMMENT = `mutation($discussionId: ID!, $body: String!, $replyToId: ID) { addDiscussionComment(input: { discussionId: $discussionId, body: $body, replyToId: $replyToId }) { comment { id databaseId } } }`;
const LABEL = `mutation($id: ID!, $labelIds: [ID!]!) { addLabelsToLabelable(input: { labelableId: $id, labelIds: $labelIds }) { clientMutationId } }`;
const ANSWER = `mutation($id: ID!) { markDiscussionCommentAsAnswer(input: { id: $id }) { clientMutationId } }`;
const CLOSE = `mutation($id: ID!, $reason: DiscussionCloseReason) { closeDiscussion(input: { discussionId: $id, reason: $reason }) { clientMutationId } }`;
const LOCK = `mutation($id: ID!, $reason: LockReason) { lockLockable(input: { lockableId: $id, lockReason: $reason }) { clientMutationId } }`;

/** A name from the backup or the target, quoted with its control characters escaped (it goes to a terminal). */
const quote = (name: string): string => JSON.stringify(name);

const CLOSE_REASONS: Record<string, string> = {
  resolved: "RESOLVED",
  outdated: "OUTDATED",
  duplicate: "DUPLICATE",
};

function lockReasonEnum(reason: string | null): string | null {
  return reason ? reason.toUpperCase().replace(/[- ]/g, "_") : null;
}

/** The target category for a saved one: same name (then case-insensitive name, then slug). */
function matchCategory(
  categories: readonly TargetCategory[],
  saved: DiscussionRecord["category"],
): TargetCategory | undefined {
  return (
    categories.find((c) => c.name === saved.name) ??
    categories.find((c) => c.name.toLowerCase() === saved.name.toLowerCase()) ??
    categories.find((c) => c.slug === saved.slug)
  );
}

/** --discussion-category when the target has it, else General, else the first category. */
function fallbackCategory(
  ctx: RestoreContext,
  categories: readonly TargetCategory[],
): TargetCategory | undefined {
  const wanted = ctx.options.discussionCategory ?? null;
  if (wanted !== null) {
    const found = categories.find((c) => c.name.toLowerCase() === wanted.toLowerCase() || c.slug === wanted);
    if (found) return found;
    ctx.warn(
      `--discussion-category ${JSON.stringify(wanted)} is not a category of the target; using its default instead`,
    );
  }
  return categories.find((c) => c.name.toLowerCase() === "general") ?? categories[0];
}

async function readAll<T>(ctx: RestoreContext, file: string): Promise<T[]> {
  const out: T[] = [];
  for await (const record of ctx.readRecords<T>(file)) out.push(record);
  return out;
}

/** Whether the backup's repository settings, restored in this run, turn discussions on. */
async function settingsTurnThemOn(ctx: RestoreContext): Promise<boolean> {
  if (!ctx.selection.entities.has("repository")) return false;
  let saved: RepositoryRecord | undefined;
  for await (const record of ctx.readRecords<RepositoryRecord>(REPOSITORY_FILE)) saved = record;
  return saved?.has_discussions === true;
}

/** The target with discussions on, or null (reported) when they are off and stay off. */
async function usableTarget(ctx: RestoreContext, count: number): Promise<TargetInfo | null> {
  let target = await readTarget(ctx);
  if (!target.enabled && !ctx.options.dryRun && (await settingsTurnThemOn(ctx))) {
    await ctx.client.octokit.request("PATCH /repos/{owner}/{repo}", {
      owner: ctx.target.owner,
      repo: ctx.target.repo,
      has_discussions: true,
      request: { signal: ctx.signal },
    });
    ctx.log.info("discussions turned on in the target, as the backup's repository settings have them");
    target = await readTarget(ctx);
  }
  if (!target.enabled) {
    if (ctx.options.dryRun && (await settingsTurnThemOn(ctx))) return target;
    ctx.warn(
      `the target has discussions turned off: ${count} discussion(s) not restored. Turn them on (Settings → General → Features → Discussions) and run restore again`,
    );
    return null;
  }
  if (target.categories.length === 0) {
    ctx.warn(`the target has no discussion categories: ${count} discussion(s) not restored`);
    return null;
  }
  return target;
}

interface Job {
  ctx: RestoreContext;
  target: TargetInfo;
  fallback: TargetCategory;
  result: EntityRestoreResult;
  /** Comments and replies of each original discussion number, top-level first, each in conversation order. */
  comments: Map<number, DiscussionCommentRecord[]>;
  /** Marked objects an interrupted run may have left (loaded on first need). */
  discussionIndex: Promise<Map<string, TargetObject>> | null;
}

/** One discussion, its comments and its state; each step journalled. */
class DiscussionRestore {
  private nodeId: string | null = null;
  private newNumber = 0;
  /** Original comment id → its global id in the target. */
  private readonly commentIds = new Map<string, string>();
  private index: Promise<Map<string, TargetObject>> | null = null;
  /** The discussion existed in the target before this step (comments of ours may be there). */
  private preexisting = false;

  constructor(
    private readonly job: Job,
    private readonly d: DiscussionRecord,
  ) {}

  private get ctx(): RestoreContext {
    return this.job.ctx;
  }

  private get key(): string {
    return String(this.d.id);
  }

  private category(): { category: TargetCategory; fellBack: boolean } {
    const matched = matchCategory(this.job.target.categories, this.d.category);
    return matched ? { category: matched, fellBack: false } : { category: this.job.fallback, fellBack: true };
  }

  async run(): Promise<void> {
    const { ctx } = this;
    const entry = ctx.journal.get("discussion", this.key);
    if (entry?.finished) {
      this.job.result.skipped++;
      return;
    }
    if (entry?.newNumber !== undefined) {
      this.newNumber = entry.newNumber;
      this.nodeId = await discussionNodeId(ctx, entry.newNumber);
      this.preexisting = true;
    } else await this.createOrAdopt();
    await this.restoreComments();
    await this.finish();
    await ctx.journal.record({ kind: "discussion", key: this.key, outcome: "done", finished: true });
  }

  private async createOrAdopt(): Promise<void> {
    const { ctx, d, job } = this;
    if (ctx.mayHaveRestoredObjects) {
      job.discussionIndex ??= markedDiscussions(ctx, job.target.repositoryId);
      const found = (await job.discussionIndex).get(this.key);
      if (found?.number !== undefined) {
        this.nodeId = found.nodeId;
        this.newNumber = found.number;
        this.preexisting = true;
        await ctx.journal.record({
          kind: "discussion",
          key: this.key,
          outcome: "adopted",
          newId: found.databaseId,
          newNumber: found.number,
          originalNumber: d.number,
        });
        this.job.result.records++;
        return;
      }
    }
    const { category, fellBack } = this.category();
    if (fellBack) {
      ctx.warn(
        `discussion #${d.number}: the target has no category ${quote(d.category.name)}; restored into ${quote(category.name)}`,
      );
    }
    const extraLines = fellBack ? [`*Category in the original: \`${d.category.name}\`*`] : [];
    const { body } = ctx.bodies.render(d.body, {
      kind: "discussion",
      originalId: this.key,
      cutToFit: true,
      attribution: attributionLines({
        what: "Originally",
        number: d.number,
        author: d.user,
        createdAt: d.created_at,
        closedAt: d.closed ? d.closed_at : null,
        stateReason: d.closed ? d.state_reason : null,
        url: d.html_url || null,
        clauses: d.upvote_count > 0 ? [`${d.upvote_count} upvote${d.upvote_count === 1 ? "" : "s"}`] : [],
        extraLines,
      }),
    });
    const payload = await mutate(
      ctx,
      CREATE,
      { repositoryId: job.target.repositoryId, categoryId: category.id, title: d.title, body },
      "createDiscussion",
    );
    const created = obj(payload.discussion, "createDiscussion.discussion");
    this.nodeId = str(created.id, "discussion.id");
    this.newNumber = int(created.number, "discussion.number");
    await ctx.journal.record({
      kind: "discussion",
      key: this.key,
      outcome: "created",
      newId: int(created.databaseId, "discussion.databaseId"),
      newNumber: this.newNumber,
      originalNumber: d.number,
    });
    this.job.result.records++;
  }

  /** The comments of ours already on the target discussion (listed once). */
  private marked(): Promise<Map<string, TargetObject>> {
    this.index ??= markedComments(this.ctx, this.nodeId as string);
    return this.index;
  }

  /** The global id of an original comment restored earlier; undefined when it was not. */
  private async commentNodeId(originalId: number): Promise<string | undefined> {
    const key = String(originalId);
    const known = this.commentIds.get(key);
    if (known) return known;
    if (this.ctx.journal.get("discussion_comment", key)?.newId === undefined) return undefined;
    const found = (await this.marked()).get(key);
    return found?.nodeId;
  }

  private async restoreComments(): Promise<void> {
    const { ctx, d } = this;
    for (const c of this.job.comments.get(d.number) ?? []) {
      ctx.signal.throwIfAborted();
      const key = String(c.id);
      if (ctx.journal.get("discussion_comment", key)?.newId !== undefined) {
        this.job.result.skipped++;
        continue;
      }
      try {
        await this.restoreComment(c);
      } catch (error) {
        failItem(ctx, this.job.result, `comment ${c.id} on discussion #${d.number}`, error);
      }
    }
  }

  private async restoreComment(c: DiscussionCommentRecord): Promise<void> {
    const { ctx } = this;
    const key = String(c.id);
    if (this.preexisting && ctx.mayHaveRestoredObjects) {
      const found = (await this.marked()).get(key);
      if (found) {
        this.commentIds.set(key, found.nodeId);
        await ctx.journal.record({
          kind: "discussion_comment",
          key,
          outcome: "adopted",
          newId: found.databaseId,
          parentNumber: this.newNumber,
        });
        this.job.result.records++;
        return;
      }
    }
    let replyToId: string | null = null;
    if (c.reply_to_id !== null) {
      replyToId = (await this.commentNodeId(c.reply_to_id)) ?? null;
      if (replyToId === null) throw new Error(`its parent comment ${c.reply_to_id} was not restored`);
    }
    const clauses: string[] = [];
    if (c.is_answer) clauses.push("marked as the answer");
    if (c.upvote_count > 0) clauses.push(`${c.upvote_count} upvote${c.upvote_count === 1 ? "" : "s"}`);
    const { body } = ctx.bodies.render(c.body, {
      kind: "discussion_comment",
      originalId: key,
      cutToFit: true,
      attribution: attributionLines({
        what: c.reply_to_id === null ? "Originally posted" : "Reply originally posted",
        author: c.user,
        createdAt: c.created_at,
        url: c.html_url || null,
        clauses,
      }),
    });
    const payload = await mutate(
      ctx,
      COMMENT,
      { discussionId: this.nodeId, body, replyToId },
      "addDiscussionComment",
    );
    const created = obj(payload.comment, "addDiscussionComment.comment");
    this.commentIds.set(key, str(created.id, "comment.id"));
    await ctx.journal.record({
      kind: "discussion_comment",
      key,
      outcome: "created",
      newId: int(created.databaseId, "comment.databaseId"),
      parentNumber: this.newNumber,
    });
    this.job.result.records++;
  }

  /** Labels, answer, closed state and lock: each safe to repeat. */
  private async finish(): Promise<void> {
    const { ctx, d, job } = this;
    const id = this.nodeId;
    const labelIds = d.labels.flatMap((label) => job.target.labels.get(label.name.toLowerCase()) ?? []);
    const missing = d.labels.filter((label) => !job.target.labels.has(label.name.toLowerCase()));
    if (missing.length > 0) {
      ctx.warn(
        `discussion #${d.number}: label(s) ${missing.map((l) => quote(l.name)).join(", ")} not in the target; not added`,
      );
    }
    if (labelIds.length > 0) await mutate(ctx, LABEL, { id, labelIds }, "addLabelsToLabelable");
    if (d.answer_comment_id !== null) {
      const answer = await this.commentNodeId(d.answer_comment_id);
      const { category } = this.category();
      if (answer === undefined) ctx.warn(`discussion #${d.number}: its answer was not restored; not marked`);
      else if (!category.isAnswerable)
        ctx.warn(
          `discussion #${d.number}: category ${quote(category.name)} takes no answers; the answer is named in its attribution only`,
        );
      else await mutate(ctx, ANSWER, { id: answer }, "markDiscussionCommentAsAnswer");
    }
    if (d.closed) {
      const reason = CLOSE_REASONS[d.state_reason ?? ""] ?? "RESOLVED";
      await mutate(ctx, CLOSE, { id, reason }, "closeDiscussion");
    }
    if (d.locked)
      await mutate(ctx, LOCK, { id, reason: lockReasonEnum(d.active_lock_reason) }, "lockLockable");
  }
}

/** Comments grouped by discussion: top-level ones in conversation order, then the replies in theirs. */
function groupComments(records: DiscussionCommentRecord[]): Map<number, DiscussionCommentRecord[]> {
  const sorted = [...records].sort(byCreation((c) => c.created_at));
  const out = new Map<number, DiscussionCommentRecord[]>();
  for (const topLevel of [true, false]) {
    for (const c of sorted) {
      if ((c.reply_to_id === null) !== topLevel) continue;
      const list = out.get(c.discussion_number) ?? [];
      list.push(c);
      out.set(c.discussion_number, list);
    }
  }
  return out;
}

function planDryRun(
  ctx: RestoreContext,
  discussions: DiscussionRecord[],
  comments: Map<number, DiscussionCommentRecord[]>,
  target: TargetInfo | null,
): EntityRestoreResult {
  const fallback = target ? fallbackCategory(ctx, target.categories) : undefined;
  for (const d of discussions) {
    const done = ctx.journal.get("discussion", String(d.id))?.finished === true;
    const matched = target ? matchCategory(target.categories, d.category) : undefined;
    const note =
      target && !matched
        ? ` (category ${quote(d.category.name)} missing: into ${quote(fallback?.name ?? "?")})`
        : "";
    ctx.plan({
      entity: "discussions",
      action: done ? "skip" : "create",
      what: `discussion #${d.number}${note}`,
      contentCreating: !done,
    });
    for (const c of comments.get(d.number) ?? []) {
      const exists = ctx.journal.get("discussion_comment", String(c.id))?.newId !== undefined;
      ctx.plan({
        entity: "discussions",
        action: exists ? "skip" : "create",
        what: `${c.reply_to_id === null ? "comment" : "reply"} ${c.id} on discussion #${d.number}`,
        contentCreating: !exists,
      });
    }
  }
  return { records: 0, skipped: 0, failed: 0 };
}

async function restoreDiscussions(ctx: RestoreContext): Promise<EntityRestoreResult> {
  const discussions = (await readAll<DiscussionRecord>(ctx, DISCUSSIONS_FILE)).sort(
    (a, b) => a.number - b.number,
  );
  const comments = groupComments(await readAll<DiscussionCommentRecord>(ctx, DISCUSSION_COMMENTS_FILE));
  if (discussions.length === 0) return { records: 0, skipped: 0, failed: 0 };
  if (ctx.targetState === "missing") return planDryRun(ctx, discussions, comments, null);
  const target = await usableTarget(ctx, discussions.length);
  // Discussions the settings would turn on only then get GitHub's default categories: nothing to compare yet.
  if (ctx.options.dryRun) return planDryRun(ctx, discussions, comments, target?.enabled ? target : null);
  if (!target) return { records: 0, skipped: discussions.length, failed: 0 };
  const fallback = fallbackCategory(ctx, target.categories) as TargetCategory;
  const job: Job = {
    ctx,
    target,
    fallback,
    result: { records: 0, skipped: 0, failed: 0 },
    comments,
    discussionIndex: null,
  };
  let done = 0;
  for (const d of discussions) {
    ctx.signal.throwIfAborted();
    try {
      await new DiscussionRestore(job, d).run();
    } catch (error) {
      failItem(ctx, job.result, `discussion #${d.number}`, error);
    }
    ctx.progress({ items: ++done, total: discussions.length });
  }
  return job.result;
}

export const discussionsRestorer: EntityRestorer = {
  name: "discussions",
  // Labels to add; issue and pull request numbers for the references in the bodies.
  dependsOn: ["labels", "issues", "pull_requests"],
  files: [DISCUSSIONS_FILE, DISCUSSION_CATEGORIES_FILE, DISCUSSION_COMMENTS_FILE],
  restore: restoreDiscussions,
};
