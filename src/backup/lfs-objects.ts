// The Git LFS objects of a backup, in `git-repo/lfs/objects/` as git-lfs
// stores them: `<oid[0:2]>/<oid[2:4]>/<oid>`, where the oid is the SHA-256 of
// the object's bytes. The manifest describes the folder by the listing of its
// objects (one "oid size" line each, sorted): `records` = the number of
// objects, `bytes` = their total size, `sha256` = the listing's hash. verify
// recomputes every object's hash, so a changed byte anywhere is found.
import { createHash } from "node:crypto";
import { createReadStream, type Dirent } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { pipeline } from "node:stream/promises";
import { GIT_REPO_DIR, mirrorLayoutProblem } from "./git-mirror.js";
import type { FileSummary } from "./sorted-jsonl-writer.js";

export const LFS_OBJECTS_DIR = "git-repo/lfs/objects";
/** The manifest key of the LFS objects (a folder, hence the slash). */
export const LFS_OBJECTS_ENTRY = `${LFS_OBJECTS_DIR}/`;

const OID = /^[0-9a-f]{64}$/;

export interface LfsObject {
  oid: string;
  size: number;
  /** Absolute path of the object's file. */
  path: string;
}

/** Where git-lfs keeps object `oid` under an objects folder. */
export function lfsObjectPath(objectsDir: string, oid: string): string {
  return join(objectsDir, oid.slice(0, 2), oid.slice(2, 4), oid);
}

/** Whether `oid` is a well-formed SHA-256 LFS oid. */
export function isLfsOid(oid: string): boolean {
  return OID.test(oid);
}

/** The SHA-256 (hex) of a file, streamed. */
export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(createReadStream(path), hash);
  return hash.digest("hex");
}

/**
 * The objects under `objectsDir` (sorted by oid) and whatever else is there:
 * anything but a regular file at its oid's place (links, stray files) is a problem.
 */
export async function listLfsObjects(
  objectsDir: string,
): Promise<{ objects: LfsObject[]; problems: string[] }> {
  const objects: LfsObject[] = [];
  const problems: string[] = [];
  let entries: Dirent[];
  try {
    entries = await readdir(objectsDir, { withFileTypes: true, recursive: true });
  } catch {
    return { objects, problems: ["missing"] };
  }
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name);
    const rel = relative(objectsDir, path).split("\\").join("/");
    if (entry.isDirectory()) {
      if (!/^[0-9a-f]{2}(\/[0-9a-f]{2})?$/.test(rel)) problems.push(`unexpected folder ${rel}`);
      continue;
    }
    if (
      !entry.isFile() ||
      !isLfsOid(entry.name) ||
      rel !== `${entry.name.slice(0, 2)}/${entry.name.slice(2, 4)}/${entry.name}`
    ) {
      problems.push(`unexpected ${entry.isFile() ? "file" : "entry"} ${rel}`);
      continue;
    }
    objects.push({ oid: entry.name, size: (await lstat(path)).size, path });
  }
  objects.sort((a, b) => (a.oid < b.oid ? -1 : a.oid > b.oid ? 1 : 0));
  return { objects, problems };
}

/** The manifest's description of a list of objects. */
export function describeLfsObjects(objects: readonly LfsObject[]): FileSummary {
  const listing = objects.map((o) => `${o.oid} ${o.size}\n`).join("");
  return {
    file: LFS_OBJECTS_ENTRY,
    records: objects.length,
    bytes: objects.reduce((sum, o) => sum + o.size, 0),
    sha256: createHash("sha256").update(listing).digest("hex"),
  };
}

/** Problems with the backup's LFS objects against their manifest entry (empty when intact). */
export async function checkLfsObjects(
  backupDir: string,
  entry: { records?: number; bytes: number; sha256: string },
): Promise<string[]> {
  // Objects inside a git-repo/ that is refused (a link, a working tree…) are not read: git-repo/ is reported.
  const layout = await mirrorLayoutProblem(join(backupDir, GIT_REPO_DIR));
  if (layout === "missing") return ["listed in the manifest but missing"];
  if (layout !== null) return [];
  const { objects, problems } = await listLfsObjects(join(backupDir, LFS_OBJECTS_DIR));
  if (problems[0] === "missing") return ["listed in the manifest but missing"];
  for (const object of objects) {
    if ((await sha256OfFile(object.path)) !== object.oid)
      problems.push(`object ${object.oid} does not hash to its name (corrupted)`);
  }
  const summary = describeLfsObjects(objects);
  if (entry.records !== undefined && summary.records !== entry.records)
    problems.push(`object count ${summary.records} differs from the manifest's ${entry.records}`);
  if (summary.bytes !== entry.bytes)
    problems.push(`size ${summary.bytes} bytes differs from the manifest's ${entry.bytes}`);
  if (summary.sha256 !== entry.sha256) problems.push("the objects differ from the manifest's listing");
  return problems;
}
