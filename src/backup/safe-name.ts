// File names that come from GitHub (release asset names) are untrusted: they
// may hold path separators, "..", control characters or names Windows cannot
// create. safeFileName turns any of them into one plain, portable file name.
import { isAbsolute, relative, resolve, sep } from "node:path";

export const MAX_NAME_BYTES = 200;
const FALLBACK = "asset";
/** Characters Windows forbids in file names (separators are handled first). */
const FORBIDDEN = /[<>:"|?*]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/i;
/** An extension worth keeping: short, after a non-empty stem. */
const EXTENSION = /(\.[^.\s]{1,16})$/;

function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** Cuts `s` to at most `maxBytes` of UTF-8 without splitting a character. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = "";
  let used = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

function splitExtension(name: string): { stem: string; ext: string } {
  const match = EXTENSION.exec(name);
  if (!match || match.index === 0) return { stem: name, ext: "" };
  return { stem: name.slice(0, match.index), ext: match[1]! };
}

/** Trailing dots and spaces vanish on Windows; leading dots hide files on Unix. */
function trimEnds(s: string): string {
  return s.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
}

function fitName(stem: string, ext: string, suffix = ""): string {
  const room = MAX_NAME_BYTES - utf8Length(ext) - utf8Length(suffix);
  const cut = trimEnds(truncateUtf8(stem, Math.max(0, room)));
  return `${cut || FALLBACK}${suffix}${ext}`;
}

function sanitize(name: string): string {
  const parts = name
    .normalize("NFC")
    .replace(CONTROL, "")
    .split(/[/\\]+/)
    .map((p) => p.trim())
    .filter((p) => p !== "" && p !== "." && p !== "..");
  let joined = trimEnds(parts.join("_").replace(FORBIDDEN, "_"));
  if (joined === "") return FALLBACK;
  let { stem, ext } = splitExtension(joined);
  // A reserved device name stays reserved whatever follows its first dot.
  const firstPart = joined.split(".")[0] ?? "";
  if (RESERVED.test(firstPart.trim())) {
    joined = `_${joined}`;
    ({ stem, ext } = splitExtension(joined));
  }
  return fitName(trimEnds(stem), ext);
}

function isTaken(name: string, taken: ReadonlySet<string>): boolean {
  // Case-insensitive, as on the default macOS and Windows file systems.
  const lower = name.toLowerCase();
  for (const t of taken) if (t.toLowerCase() === lower) return true;
  return false;
}

/**
 * A safe, non-empty file name of at most 200 UTF-8 bytes that keeps the
 * extension. With `taken` (names already used in the folder), the name is
 * made unique as `name (2).ext`, `name (3).ext`, … and added to `taken`.
 */
export function safeFileName(name: string, taken?: Set<string>): string {
  const base = sanitize(name);
  if (!taken) return base;
  let result = base;
  if (isTaken(result, taken)) {
    const { stem, ext } = splitExtension(base);
    for (let n = 2; isTaken(result, taken); n++) result = fitName(stem, ext, ` (${n})`);
  }
  taken.add(result);
  return result;
}

/** True when `path` (resolved against `root` if relative) lies strictly inside `root`. */
export function isInside(root: string, path: string): boolean {
  const base = resolve(root);
  const rel = relative(base, resolve(base, path));
  if (rel === "" || isAbsolute(rel)) return false;
  return rel !== ".." && !rel.startsWith(`..${sep}`);
}
