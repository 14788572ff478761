// What every type restored as plain conversation comments (issue comments,
// pull request comments, histories) shares in its restoreChildren spec: an
// item is done once it and every continuation part of its text are
// journalled; restoring it posts it on its parent (or adopts the one an
// interrupted run posted), journals it, then posts the rest of its text.
import { Continuations, partsPosted } from "./continuations.js";
import type { ChildSpec } from "./restore-children.js";
import type { ObjectKind, RenderedBody, RestoreContext } from "./types.js";

export interface ConversationItem<T> {
  key(item: T): string;
  /** The item's original text (its continuations are cut from it). */
  text(item: T): string | null;
  /** Its body with attribution and marker. */
  render(item: T, key: string): RenderedBody;
}

export function conversationChildren<T>(
  ctx: RestoreContext,
  kind: ObjectKind,
  item: ConversationItem<T>,
): Pick<ChildSpec<T>, "kind" | "key" | "text" | "isDone" | "restore"> {
  const continuations = new Continuations(ctx);
  return {
    kind,
    key: item.key,
    text: item.text,
    isDone: (c) => {
      const key = item.key(c);
      return ctx.journal.get(kind, key)?.newId !== undefined && partsPosted(ctx, kind, key);
    },
    async restore(c, parent) {
      const key = item.key(c);
      await continuations.conversationComment(parent.newNumber, kind, key, item.text(c), item.render(c, key));
      return "restored";
    },
  };
}
