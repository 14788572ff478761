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

/**
 * GitHub rejects bodies longer than this many characters. It counts code
 * points (an emoji or a CJK character is one), not UTF-16 units; some surfaces
 * measure 262,144 UTF-8 bytes instead, which a body of at most 65,536 code
 * points never exceeds (a code point is at most 4 bytes).
 */
export const MAX_BODY_CHARS = 65_536;

/**
 * Room every part of a continued text leaves for its marker and attribution
 * and for what rewriting adds (word joiners after "@", new numbers longer than
 * old ones): the parts are cut in the original text, the same on every run.
 */
const HEAD_RESERVE = 4096;

/** The length of `text` as GitHub measures it: code points. */
export function charCount(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** The UTF-16 index after the first `chars` code points of `text`. */
function indexAfter(text: string, chars: number): number {
  let i = 0;
  for (let n = 0; n < chars && i < text.length; n++) {
    const code = text.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
    i += pair && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff ? 2 : 1;
  }
  return i;
}

const MARKER = /^<!-- github-data:([a-z_]+):([^\s>]+) -->/;

export function markerFor(kind: ObjectKind, originalId: string): string {
  return `<!-- github-data:${kind}:${originalId} -->`;
}

/** The journal key and marker id of part `part` (1-based, the first continuation is 1) of a long text. */
export function continuationKey(kind: ObjectKind, originalId: string, part: number): string {
  return `${kind}.${originalId}.${part}`;
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

/** Cuts `text` to `max` characters (code points). */
function cut(text: string, max: number): string {
  return text.slice(0, indexAfter(text, Math.max(0, max)));
}

/** Where to end a part of at most `room` characters of `text`: after a line break, else a space, near the limit. */
function partEnd(text: string, room: number): number {
  const hard = indexAfter(text, room);
  if (hard >= text.length) return text.length;
  const window = text.slice(0, hard);
  const line = window.lastIndexOf("\n");
  if (line >= hard - 4096 && line > 0) return line + 1;
  const space = window.lastIndexOf(" ");
  if (space >= hard - 1024 && space > 0) return space + 1;
  return hard;
}

/**
 * The original text in parts for a body and its continuations. Cut in the
 * original (before references and mentions are rewritten) at line breaks
 * where possible, with room for any attribution up to HEAD_RESERVE: the parts
 * are the same on every run, so a rerun finds the parts it posted.
 */
function partsOf(text: string): string[] {
  const room = MAX_BODY_CHARS - HEAD_RESERVE - 2;
  const parts: string[] = [];
  let rest = text;
  while (charCount(rest) > room) {
    const end = partEnd(rest, room);
    parts.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  parts.push(rest);
  return parts;
}

/** The attribution line of a body whose text goes on in continuation comments. */
export const CONTINUES_LINE = "*The text continues in the next comment(s).*";

/** Whether a restored body says its text continues (an adopted object's parts are still to be checked). */
export function isContinued(body: string | null | undefined): boolean {
  return (body ?? "").split("\n\n", 1)[0]?.includes(CONTINUES_LINE) === true;
}

function quoted(lines: string[]): string {
  // A line may hold several (a quoted diff hunk): each is quoted, so the block ends at the first blank line.
  return neutraliseMentions(lines.map((line) => line.replace(/^/gm, "> ")).join("\n>\n"));
}

export interface BodyRewriterOptions {
  references: ReferenceMap;
  /** The reaction counts line of an original object, added to its attribution (null: none). */
  reactionLine?: (kind: ObjectKind, originalId: string) => string | null;
  /** Points attachment links at their re-hosted copies (src/entities/attachments/rehost.ts); none when not restored. */
  attachments?: ((text: string) => string) | null;
}

type RenderOptions = { kind: ObjectKind; originalId: string; attribution: string[]; cutToFit?: boolean };

export function createBodyRewriter(options: BodyRewriterOptions): BodyRewriter {
  const pendingOf = (text: string) =>
    resolvePending(text, { ...options.references, newNumberOf: () => undefined }).stillPending;
  const rehost = options.attachments ?? ((text: string) => text);
  const rewrite = (text: string) => {
    const { text: rewritten, pending } = rewriteReferences(rehost(text), options.references);
    return { text: neutraliseMentions(rewritten), pending };
  };
  const continuationsOf = (body: string | null, opts: { kind: ObjectKind; originalId: string }) => {
    const parts = partsOf(body ?? "");
    return parts.slice(1).map((part, i) => {
      const head = `${markerFor("continuation", continuationKey(opts.kind, opts.originalId, i + 1))}\n${quoted(
        [
          `*Continuation ${i + 1} of ${parts.length - 1} of the text above (${opts.kind.replaceAll("_", " ")} \`${opts.originalId}\`)*`,
        ],
      )}`;
      const { text } = rewrite(part);
      return { body: `${head}\n\n${text}`, pendingRefs: pendingOf(text) };
    });
  };
  const render = (body: string | null, given: RenderOptions): RenderedBody => {
    const reactions =
      given.attribution.length > 0 ? options.reactionLine?.(given.kind, given.originalId) : null;
    const opts = reactions ? { ...given, attribution: [...given.attribution, reactions] } : given;
    const marker = markerFor(opts.kind, opts.originalId);
    const header = quoted(opts.attribution);
    const head = header ? `${marker}\n${header}` : marker;
    const original = body ?? "";
    const { text, pending } = rewrite(original);
    if (text.trim() === "") return { body: head, pendingRefs: pending, continuations: [] };
    const room = MAX_BODY_CHARS - charCount(head) - 2;
    if (charCount(text) <= room)
      return { body: `${head}\n\n${text}`, pendingRefs: pending, continuations: [] };
    if (opts.cutToFit) {
      const note = `\n\n*(cut by github-data: the original text has ${charCount(original).toLocaleString("en-US")} characters; GitHub allows ${MAX_BODY_CHARS.toLocaleString("en-US")})*`;
      return {
        body: `${head}\n\n${cut(text, room - charCount(note))}${note}`,
        pendingRefs: pending,
        continuations: [],
      };
    }
    // Too long with its attribution: the text goes on, verbatim and in order, in continuation comments.
    const firstHead = `${marker}\n${quoted([...opts.attribution, CONTINUES_LINE])}`;
    const first = rewrite(partsOf(original)[0] as string).text;
    return {
      body: `${firstHead}\n\n${first}`,
      pendingRefs: pendingOf(first),
      continuations: continuationsOf(body, opts),
    };
  };
  return {
    render,
    continuationsOf,
    rewrite: (body, opts) => render(body, { ...opts, cutToFit: true }).body,
    pendingRefsOf: (body) => (body ? pendingOf(body) : []),
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
    // The attribution is quoted lines up to the first blank line; the text follows it.
    if (text.startsWith(">")) {
      const end = text.indexOf("\n\n");
      text = end < 0 ? "" : text.slice(end + 2);
    } else text = text.replace(/^\n/, "");
  }
  return text.replaceAll(WORD_JOINER, "");
}
