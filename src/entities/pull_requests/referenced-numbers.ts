// The issue/PR numbers a saved text refers to. An object adopted after a crash
// was written with whatever numbers were known then; listing every reference
// as pending lets the references pass fix what it can (it changes only
// placeholders, so a reference already rewritten stays as it is).
import { rewriteReferences } from "../../restore/references.js";
import type { RestoreContext } from "../../restore/types.js";

export function referencedNumbers(ctx: RestoreContext, text: string | null): number[] {
  if (!text) return [];
  return rewriteReferences(text, {
    newNumberOf: () => undefined,
    isKnown: () => true,
    source: ctx.source,
    targetWebUrl: null,
  }).pending;
}
