// Fetches every LFS object reachable from any ref of the git mirror with the
// real client into a scratch store, then copies each object whose bytes hash
// to its oid into git-repo/lfs/objects/. Objects an earlier save kept are
// checked and linked into the scratch store first. The pointers the refs
// reach are found with git (pointer-scan.ts, rather than git-lfs's own scan
// of every ref's history, `git lfs fetch --all`, which costs seconds of CPU on
// a repository of thousands of refs); git-lfs fetches those no saved object
// covers (all of them in a save that starts from nothing), and the saved
// objects no ref points to any more are dropped, as a fresh save would not
// have them. Runs after git_repo, whose clone it reads.
import { readdir, rm, rmdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { TEMP_SUFFIX_RE } from "../../backup/atomic.js";
import { GIT_REPO_DIR } from "../../backup/git-mirror.js";
import {
  describeLfsObjects,
  LFS_OBJECTS_DIR,
  lfsObjectPath,
  listLfsObjects,
} from "../../backup/lfs-objects.js";
import { hasMirror } from "../git_repo/mirror.js";
import type { EntitySaver } from "../types.js";
import { GIT_LFS_MISSING, gitLfsAvailable, placeVerifiedObjects, withLfsView } from "./lfs-view.js";
import { fetchPointed, pointerBlobs } from "./pointer-scan.js";

/** Removes temporary files a killed save left among the objects. */
async function removeLeftovers(objectsDir: string): Promise<void> {
  const entries = await readdir(objectsDir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isFile() && TEMP_SUFFIX_RE.test(entry.name))
      await rm(join(entry.parentPath, entry.name), { force: true });
  }
}

export const lfsObjectsSaver: EntitySaver = {
  name: "lfs_objects",
  dependsOn: ["git_repo"],
  async save(ctx) {
    const { cloneUrl } = await ctx.repository;
    if (!(await hasMirror(ctx.outDir))) {
      const skipped = "LFS objects are read from the git mirror, and this folder has none: include git_repo";
      ctx.log.warn(`lfs_objects skipped: ${skipped}`);
      return { records: 0, files: [], skipped };
    }
    if (!(await gitLfsAvailable())) {
      ctx.log.warn(`lfs_objects skipped: ${GIT_LFS_MISSING}`);
      return { records: 0, files: [], skipped: GIT_LFS_MISSING };
    }
    const objectsDir = join(ctx.outDir, LFS_OBJECTS_DIR);
    await removeLeftovers(objectsDir);
    const auth = { authHeader: ctx.client.gitAuthHeader(), redact: ctx.client.redact, signal: ctx.signal };
    await withLfsView(join(ctx.outDir, GIT_REPO_DIR), ctx.signal, async (view) => {
      const saved = await placeVerifiedObjects(objectsDir, view.objectsDir, { signal: ctx.signal });
      // A saved object that does not hash to its name is no object: it goes, and is fetched again.
      for (const oid of saved.corrupt) await rm(lfsObjectPath(objectsDir, oid), { force: true });
      const pointed = await pointerBlobs(view.gitDir, ctx.signal);
      // Only the objects no saved one covers (in a save that starts from nothing: all of them).
      const have = new Set(saved.placed);
      const missing = [...pointed].filter(([oid]) => !have.has(oid));
      ctx.log.info(`lfs_objects: ${pointed.size} referenced, ${missing.length} of them to fetch`);
      let failure: unknown = null;
      try {
        if (missing.length > 0) {
          ctx.progress({ message: "git lfs fetch" });
          await fetchPointed(
            view,
            missing.flatMap(([, blobs]) => blobs),
            cloneUrl,
            auth,
          );
        }
      } catch (error) {
        if (ctx.signal.aborted) throw error;
        failure = error;
      }
      // What did arrive is kept even when some objects failed, so a --resume fetches only the rest.
      const { corrupt } = await placeVerifiedObjects(view.objectsDir, objectsDir, {
        move: true,
        signal: ctx.signal,
      });
      if (failure !== null) throw failure;
      // What no ref points to any more is not in a fresh save either.
      for (const object of (await listLfsObjects(objectsDir)).objects) {
        if (pointed.has(object.oid)) continue;
        await rm(object.path, { force: true });
        // Its folders too, when nothing else is in them (a fresh save has none empty).
        for (const folder of [dirname(object.path), dirname(dirname(object.path))])
          await rmdir(folder).catch(() => undefined);
      }
      if (corrupt.length > 0)
        throw new Error(
          `${corrupt.length} LFS object(s) downloaded did not hash to their oid, e.g. ${corrupt[0]}`,
        );
    });
    const { objects } = await listLfsObjects(objectsDir);
    ctx.progress({ items: objects.length });
    if (objects.length === 0) return { records: 0, files: [] };
    const summary = describeLfsObjects(objects);
    return { records: summary.records, files: [summary] };
  },
};
