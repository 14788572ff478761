// Rewrites references to issues and pull requests of the source repository
// (`#12`, `GH-12`, `owner/repo#12`, and web links `…/owner/repo/issues/12`)
// to the numbers they have in the target. A number that has no new number yet
// but is in the backup becomes a placeholder — the "#", a WORD JOINER, the old
// number — which GitHub does not link (so no wrong cross-reference is made) and
// the references pass rewrites once the number exists. A number that is not in
// the backup at all is neutralised the same way and left so (it would point at
// an unrelated item of the target). Code is never touched.
import { mapProse } from "./markdown.js";
import { WORD_JOINER } from "./mentions.js";
import type { BackupOrigin } from "./types.js";

export interface ReferenceMap {
  /** Original issue/PR number → its number in the target, once restored. */
  newNumberOf(originalNumber: number): number | undefined;
  /** The backup holds issue/PR `originalNumber` (it may be restored later). */
  isKnown(originalNumber: number): boolean;
  source: BackupOrigin | null;
  /** Web URL of the target repository; null in a dry run without one. */
  targetWebUrl: string | null;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// "#12" and "owner/repo#12" where GitHub would autolink them: not inside a word,
// an HTML entity (&#12;) or a URL fragment.
const SHORT = /(^|[^\w&#/\u2060-])((?:[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+)?)#(\d+)(?!\w)/g;
const GH = /(^|[^\w-])GH-(\d+)(?!\w)/g;
const SHORT_PLACEHOLDER = new RegExp(`(^|[^\\w&#/-])#${WORD_JOINER}(\\d+)(?!\\w)`, "g");
const GH_PLACEHOLDER = new RegExp(`(^|[^\\w-])GH-${WORD_JOINER}(\\d+)(?!\\w)`, "g");

function sourceUrlPattern(source: BackupOrigin | null, placeholder: boolean): RegExp | null {
  if (!source?.webUrl) return null;
  const base = escapeRegExp(source.webUrl.replace(/\/+$/, ""));
  const gap = placeholder ? WORD_JOINER : "";
  return new RegExp(`${base}/(issues|pull)/${gap}(\\d+)(?![\\w/])`, "gi");
}

function isSourceRepo(prefix: string, source: BackupOrigin | null): boolean {
  if (!prefix) return true;
  if (!source) return false;
  return prefix.replace(/\/$/, "").toLowerCase() === `${source.owner}/${source.repo}`.toLowerCase();
}

/** First pass, when a body is created: returns the text and the numbers left as placeholders. */
export function rewriteReferences(markdown: string, map: ReferenceMap): { text: string; pending: number[] } {
  const pending = new Set<number>();
  const target = map.targetWebUrl?.replace(/\/+$/, "") ?? null;
  const urls = sourceUrlPattern(map.source, false);
  const text = mapProse(markdown, (prose) => {
    let out = prose;
    if (urls) {
      out = out.replace(urls, (whole, kind: string, digits: string) => {
        const n = Number(digits);
        const m = map.newNumberOf(n);
        if (m !== undefined && target) return `${target}/${kind}/${m}`;
        if (m === undefined && map.isKnown(n)) {
          pending.add(n);
          return whole.replace(new RegExp(`/${digits}$`), `/${WORD_JOINER}${digits}`);
        }
        return whole;
      });
    }
    out = out.replace(SHORT, (whole, before: string, prefix: string, digits: string) => {
      if (!isSourceRepo(prefix, map.source)) return whole;
      const n = Number(digits);
      const m = map.newNumberOf(n);
      if (m !== undefined) return `${before}#${m}`;
      if (map.isKnown(n)) {
        pending.add(n);
        // The short form, so the second pass finds it; it will name an item of the target.
        return `${before}#${WORD_JOINER}${digits}`;
      }
      return `${before}${prefix}#${WORD_JOINER}${digits}`;
    });
    out = out.replace(GH, (_whole, before: string, digits: string) => {
      const n = Number(digits);
      const m = map.newNumberOf(n);
      if (m !== undefined) return `${before}GH-${m}`;
      if (map.isKnown(n)) pending.add(n);
      return `${before}GH-${WORD_JOINER}${digits}`;
    });
    return out;
  });
  return { text, pending: [...pending].sort((a, b) => a - b) };
}

/**
 * Second pass, on a body as it is in the target: replaces the placeholders
 * (and any remaining source links) whose number now exists. Rewritten
 * references are not placeholders, so they are never mapped twice.
 */
export function resolvePending(
  markdown: string,
  map: ReferenceMap,
): { text: string; changed: boolean; stillPending: number[] } {
  const still = new Set<number>();
  const target = map.targetWebUrl?.replace(/\/+$/, "") ?? null;
  const placeholderUrls = sourceUrlPattern(map.source, true);
  const plainUrls = sourceUrlPattern(map.source, false);
  const text = mapProse(markdown, (prose) => {
    const viaUrl = (whole: string, kind: string, digits: string) => {
      const n = Number(digits);
      const m = map.newNumberOf(n);
      if (m !== undefined && target) return `${target}/${kind}/${m}`;
      if (map.isKnown(n) && whole.includes(WORD_JOINER)) still.add(n);
      return whole;
    };
    let out = prose;
    if (placeholderUrls) out = out.replace(placeholderUrls, viaUrl);
    if (plainUrls) out = out.replace(plainUrls, viaUrl);
    out = out.replace(SHORT_PLACEHOLDER, (whole, before: string, digits: string) => {
      const n = Number(digits);
      const m = map.newNumberOf(n);
      if (m !== undefined) return `${before}#${m}`;
      if (map.isKnown(n)) still.add(n);
      return whole;
    });
    out = out.replace(GH_PLACEHOLDER, (whole, before: string, digits: string) => {
      const n = Number(digits);
      const m = map.newNumberOf(n);
      if (m !== undefined) return `${before}GH-${m}`;
      if (map.isKnown(n)) still.add(n);
      return whole;
    });
    return out;
  });
  return { text, changed: text !== markdown, stillPending: [...still].sort((a, b) => a - b) };
}
