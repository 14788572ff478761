// Neutralises @mentions so restoring a repository pings nobody: a WORD JOINER
// (U+2060, invisible, zero width) goes between "@" and the name. The text
// reads exactly as before, GitHub no longer sees a mention, and code is left
// untouched. Running it twice changes nothing (the "@" is then followed by
// the joiner, not a name).
import { mapProse } from "./markdown.js";

export const WORD_JOINER = "\u2060";

// "@" that GitHub would read as a mention: at the start or after a character
// that cannot be part of a word, e-mail address or URL path, followed by a
// login's first character. Team mentions (@org/team) are covered by the same "@".
const MENTION = /(^|[^A-Za-z0-9_`/@.+\-\u2060])@(?=[A-Za-z0-9])/g;

export function neutraliseMentions(markdown: string): string {
  return mapProse(markdown, (prose) => prose.replace(MENTION, `$1@${WORD_JOINER}`));
}
