// Finds a token in anything the tool wrote: as is, URL-encoded, and base64
// at every byte alignment (so "Authorization: Basic base64(user:TOKEN)", or
// the token inside any longer base64 text, is caught whatever precedes it).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Substrings that any encoding of `token` we know of must contain. */
export function secretForms(token: string): string[] {
  const forms = new Set<string>([token, encodeURIComponent(token)]);
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad, 0x41), Buffer.from(token, "utf8")]).toString("base64");
    // Drop the groups that mix prefix bytes in, and the last (partial) group.
    const start = pad === 0 ? 0 : 4;
    forms.add(encoded.slice(start, encoded.length - 4));
  }
  return [...forms].filter((form) => form.length >= 16);
}

/** Which forms of the token occur in `text` (a latin1 view of bytes works for files). */
export function leaksIn(text: string, token: string): string[] {
  return secretForms(token).filter((form) => text.includes(form));
}

function walk(dir: string, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(dir, name);
    const info = statSync(path, { throwIfNoEntry: false });
    if (info?.isDirectory()) walk(path, out);
    else if (info?.isFile()) out.push(path);
  }
}

/** Every file under `dir` holding a form of the token, as "relative/path: form". */
export function leaksUnder(dir: string, token: string): string[] {
  const files: string[] = [];
  walk(dir, files);
  const found: string[] = [];
  for (const path of files) {
    const text = readFileSync(path).toString("latin1");
    for (const form of leaksIn(text, token)) found.push(`${relative(dir, path)}: ${form}`);
  }
  return found;
}

/** How many files were scanned under `dir` (so a test can show it looked at something). */
export function countFiles(dir: string): number {
  const files: string[] = [];
  walk(dir, files);
  return files.length;
}
