// What a backup folder holds, for comparing a killed-and-resumed save with an
// uninterrupted one: a SHA-256 per file (the save's scratch folder left out,
// releases.jsonl with its download counts zeroed, since the server counts
// the save's own downloads) and the git mirror's refs.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const MIRROR = "git-repo";
const SCRATCH = ".github-data";

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

/** File → digest; the mirror as one entry of its refs. */
export function folderDigest(dir: string): Map<string, string> {
  const digest = new Map<string, string>();
  for (const path of walk(dir)) {
    const rel = relative(dir, path);
    if (rel.startsWith(`${MIRROR}/`) || rel.startsWith(`${SCRATCH}/`)) continue;
    let bytes = readFileSync(path);
    if (rel === "releases.jsonl")
      bytes = Buffer.from(bytes.toString("utf8").replace(/"download_count":\d+/g, '"download_count":0'));
    // The manifest holds times and request counts of its own run.
    if (rel === "manifest.json") continue;
    digest.set(rel, createHash("sha256").update(bytes).digest("hex"));
  }
  try {
    const refs = execFileSync("git", ["for-each-ref", "--format=%(refname) %(objectname)"], {
      cwd: join(dir, MIRROR),
      encoding: "utf8",
    });
    digest.set(`${MIRROR} (refs)`, createHash("sha256").update(refs).digest("hex"));
  } catch {
    // no mirror
  }
  return digest;
}

/** Files that differ, are missing or are extra in `actual`, sorted. */
export function digestDifferences(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const out = new Set<string>();
  for (const [file, sum] of expected) if (actual.get(file) !== sum) out.add(file);
  for (const file of actual.keys()) if (!expected.has(file)) out.add(file);
  return [...out].sort();
}
