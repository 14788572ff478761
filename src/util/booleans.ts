// Boolean words accepted in environment variables: the Python tool's words
// plus 1/0.

import { UsageError } from "../errors.js";

const TRUE_WORDS = ["true", "yes", "on", "1"] as const;
const FALSE_WORDS = ["false", "no", "off", "0"] as const;

/** The boolean a word means, or undefined when it is not a boolean word. */
export function booleanWord(value: string): boolean | undefined {
  const word = value.trim().toLowerCase();
  if ((TRUE_WORDS as readonly string[]).includes(word)) return true;
  if ((FALSE_WORDS as readonly string[]).includes(word)) return false;
  return undefined;
}

/** Parses a boolean word (any case, trimmed); anything else, empty included, is a UsageError naming `source`. */
export function parseBoolean(value: string, source: string): boolean {
  const parsed = booleanWord(value);
  if (parsed !== undefined) return parsed;
  const shown = value.trim() === "" ? "is empty" : `is "${value.trim()}"`;
  throw new UsageError(
    `${source} ${shown}, which is not a boolean; use one of ${TRUE_WORDS.join(", ")} or ${FALSE_WORDS.join(", ")}`,
  );
}
