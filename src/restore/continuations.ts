// The rest of a text too long for one body (see bodies.ts): each part is a
// conversation comment on the issue or pull request, posted right after the
// object it continues, so the text reads on in order. Every part is journalled
// and carries its own marker, so a rerun neither loses nor repeats one.
//
// The object's own journal entry says how many parts follow it (`continued`),
// decided once when it was created (or read from an adopted body): a rerun
// posts the parts still missing without deciding again.

import type { EntityName } from "../entities/names.js";
import { continuationKey, isContinued } from "./bodies.js";
import { ConversationComments } from "./conversation-comments.js";
import type { JournalEntry, ObjectKind, RenderedBody, RestoreContext } from "./types.js";

type Parts = RenderedBody["continuations"];

/** The journal field of an object created with `rendered` (nothing when its text fits). */
export function continuedEntry(rendered: RenderedBody): Pick<JournalEntry, "continued"> {
  return rendered.continuations.length > 0 ? { continued: rendered.continuations.length } : {};
}

/** The same for an object an interrupted run created, from its body in the target. */
export function adoptedContinued(
  ctx: RestoreContext,
  body: string,
  text: string | null,
  kind: ObjectKind,
  originalId: string,
): Pick<JournalEntry, "continued"> {
  if (!isContinued(body)) return {};
  return { continued: ctx.bodies.continuationsOf(text, { kind, originalId }).length };
}

/** Dry run: the `count` continuation comments that will follow `what` (each a content-creating request). */
export function planContinuations(
  ctx: RestoreContext,
  entity: EntityName,
  what: string,
  count: number,
): void {
  for (let part = 1; part <= count; part++) {
    ctx.plan({
      entity,
      action: "create",
      what: `continuation ${part} of ${count} of ${what}`,
      contentCreating: true,
    });
  }
}

/** Whether every part the journal says follows object `kind`:`key` was posted. */
export function partsPosted(ctx: RestoreContext, kind: ObjectKind, key: string): boolean {
  const entry = ctx.journal.get(kind, key);
  if (!entry) return false;
  for (let part = 1; part <= (entry.continued ?? 0); part++) {
    if (ctx.journal.get("continuation", continuationKey(kind, key, part))?.newId === undefined) return false;
  }
  return true;
}

export class Continuations {
  private readonly comments: ConversationComments;

  constructor(private readonly ctx: RestoreContext) {
    this.comments = new ConversationComments(ctx);
  }

  /**
   * Posts, on issue/PR `number`, the parts of object `kind`:`key`'s text
   * (`text`: its original text) that the journal says follow it and that are
   * not posted yet, in order.
   */
  async post(number: number, kind: ObjectKind, key: string, text: string | null): Promise<void> {
    const { ctx } = this;
    const count = ctx.journal.get(kind, key)?.continued ?? 0;
    if (count === 0 || partsPosted(ctx, kind, key)) return;
    const parts: Parts = ctx.bodies.continuationsOf(text, { kind, originalId: key });
    for (const [i, part] of parts.slice(0, count).entries()) {
      const partKey = continuationKey(kind, key, i + 1);
      if (ctx.journal.get("continuation", partKey)?.newId !== undefined) continue;
      const posted = await this.comments.post(number, "continuation", partKey, () => ({
        ...part,
        continuations: [],
      }));
      await ctx.journal.record({
        kind: "continuation",
        key: partKey,
        newId: posted.id,
        parentNumber: number,
        outcome: posted.adopted ? "adopted" : "created",
        pendingRefs: posted.pendingRefs,
      });
    }
  }

  /**
   * Restores one conversation comment (`kind`:`key`, original text `text`) on
   * issue/PR `number` with the rest of its text after it; finishes one an
   * interrupted run left without all its parts.
   */
  async conversationComment(
    number: number,
    kind: ObjectKind,
    key: string,
    text: string | null,
    rendered: RenderedBody,
  ): Promise<void> {
    const { journal } = this.ctx;
    if (journal.get(kind, key)?.newId === undefined) {
      const posted = await this.comments.post(number, kind, key, () => rendered);
      await journal.record({
        kind,
        key,
        newId: posted.id,
        parentNumber: number,
        outcome: posted.adopted ? "adopted" : "created",
        pendingRefs: posted.pendingRefs,
        ...(posted.adopted
          ? adoptedContinued(this.ctx, posted.body, text, kind, key)
          : continuedEntry(rendered)),
      });
    }
    await this.post(number, kind, key, text);
  }
}
