// Builds the body of every restored object:
//
//   <!-- github-data:issue:123456 -->          hidden marker: the original id (crash recovery)
//   > *Originally `#12` by @⁠alice on …*       attribution (see attribution.ts)
//
//   original text, references rewritten (references.ts), mentions neutralised (mentions.ts)
//
// The marker comes first so a body that already carries an older restore's
// marker (a restore of a restored repository) is still recognised by its own,
// and only a marker at the very start counts: one quoted further down a body
// is text, not a claim that a restore wrote it.
import { neutraliseMentions, WORD_JOINER } from "./mentions.js";
import { type ReferenceMap, resolvePending, rewriteReferences } from "./references.js";
import type { BodyRewriter, ObjectKind, RenderedBody } from "./types.js";

/** GitHub rejects bodies longer than this many characters. */
export const MAX_BODY_CHARS = 65_536;

const MARKER = /^<!-- github-data:([a-z_]+):([^\s>]+) -->/;

export function markerFor(kind: ObjectKind, originalId: string): string {
  return `<!-- github-data:${kind}:${originalId} -->`;
}

/** The whole marker a body starts with, whatever its kind (null when there is none). */
export function firstMarkerIn(body: string | null | undefined): string | null {
  return body ? (MARKER.exec(body)?.[0] ?? null) : null;
}

/** The original id in a body written by a restore, when the marker it starts with is of `kind`. */
export function markerOf(body: string | null | undefined, kind: ObjectKind): string | null {
  if (!body) return null;
  const match = MARKER.exec(body);
  if (!match || match[1] !== kind) return null;
  return match[2] ?? null;
}

/** Cuts `text` to `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

export interface BodyRewriterOptions {
  references: ReferenceMap;
}

export function createBodyRewriter(options: BodyRewriterOptions): BodyRewriter {
  const render = (
    body: string | null,
    opts: { kind: ObjectKind; originalId: string; attribution: string[] },
  ): RenderedBody => {
    const marker = markerFor(opts.kind, opts.originalId);
    const header = neutraliseMentions(opts.attribution.map((line) => `> ${line}`).join("\n>\n"));
    const head = header ? `${marker}\n${header}` : marker;
    const original = body ?? "";
    const { text, pending } = rewriteReferences(original, options.references);
    let rest = neutraliseMentions(text);
    if (rest.trim() === "") return { body: head, pendingRefs: pending };
    const room = MAX_BODY_CHARS - head.length - 2;
    if (rest.length > room) {
      const note = `\n\n*(cut by github-data: the original text has ${original.length.toLocaleString("en-US")} characters; GitHub allows ${MAX_BODY_CHARS.toLocaleString("en-US")})*`;
      rest = cut(rest, room - note.length) + note;
    }
    return { body: `${head}\n\n${rest}`, pendingRefs: pending };
  };
  return {
    render,
    rewrite: (body, opts) => render(body, opts).body,
    pendingRefsOf: (body) =>
      body ? resolvePending(body, { ...options.references, newNumberOf: () => undefined }).stillPending : [],
  };
}

/**
 * The original text back from a restored body: without the marker, the
 * attribution block and the word joiners (references keep their new numbers).
 * Used by tests and tools comparing a source with its restored copy.
 */
export function stripRestoreDecorations(body: string | null | undefined): string {
  if (!body) return "";
  let text = body;
  const marker = /^<!-- github-data:[a-z_]+:[^\s>]+ -->(\n|$)/.exec(text);
  if (marker) {
    text = text.slice(marker[0].length);
    const lines = text.split("\n");
    let i = 0;
    while (i < lines.length && (lines[i] as string).startsWith(">")) i++;
    text = lines.slice(i).join("\n").replace(/^\n/, "");
  }
  return text.replaceAll(WORD_JOINER, "");
}
