// Uploads the backup's LFS objects to the target with the real client
// (`git lfs push --all`), before git_repo pushes the branches that point to
// them. Each object is checked against its oid before it is handed to
// git-lfs; a corrupted one is reported and not uploaded. The batch API skips
// objects the target already holds, so a rerun uploads nothing new; the
// journal records the finished push so a later rerun does not even ask.
import { join } from "node:path";
import { GIT_REPO_DIR } from "../../backup/git-mirror.js";
import { LFS_OBJECTS_DIR, listLfsObjects } from "../../backup/lfs-objects.js";
import { failureText } from "../../restore/error-text.js";
import type { EntityRestoreResult, EntityRestorer, RestoreContext } from "../../restore/types.js";
import { hasMirror } from "../git_repo/mirror.js";
import { pushAuth } from "../git_repo/restore.js";
import { GIT_LFS_MISSING, gitLfsAvailable, placeVerifiedObjects, withLfsView } from "./lfs-view.js";

export const LFS_PUSH_KEY = "lfs-objects";
const NONE: EntityRestoreResult = { records: 0, skipped: 0, failed: 0 };

async function pushObjects(ctx: RestoreContext, count: number, bytes: number): Promise<EntityRestoreResult> {
  const what = `upload ${count} LFS object(s), ${bytes} bytes (those the target lacks)`;
  const url = ctx.targetRepo?.cloneUrl;
  if (ctx.options.dryRun || !url) {
    ctx.plan({ entity: "lfs_objects", action: "create", what, contentCreating: false });
    return NONE;
  }
  if (!(await gitLfsAvailable())) {
    ctx.itemFailed(`${count} LFS object(s) not uploaded: ${GIT_LFS_MISSING}`);
    return { records: 0, skipped: 0, failed: count };
  }
  return withLfsView(join(ctx.backupDir, GIT_REPO_DIR), ctx.signal, async (view) => {
    const { corrupt } = await placeVerifiedObjects(join(ctx.backupDir, LFS_OBJECTS_DIR), view.objectsDir, {
      signal: ctx.signal,
    });
    for (const oid of corrupt) ctx.itemFailed(`LFS object ${oid} does not hash to its name; not uploaded`);
    ctx.progress({ message: `git lfs push --all (${count} object(s))`, total: count });
    try {
      // Objects the backup lacks (a ref whose object GitHub no longer had) are reported by git-lfs, not fatal.
      await view.lfs(["push", "--all", url], url, pushAuth(ctx), [["lfs.allowincompletepush", "true"]]);
    } catch (error) {
      ctx.itemFailed(`push failed: ${failureText(error, ctx.client.redact)}`);
      return { records: 0, skipped: 0, failed: count };
    }
    const pushed = count - corrupt.length;
    ctx.progress({ items: pushed });
    if (corrupt.length === 0) {
      await ctx.journal.record({
        kind: "lfs_push",
        key: LFS_PUSH_KEY,
        outcome: "done",
        note: `${pushed} LFS object(s) in the target`,
      });
    }
    return { records: pushed, skipped: 0, failed: corrupt.length };
  });
}

export const lfsObjectsRestorer: EntityRestorer = {
  name: "lfs_objects",
  dependsOn: [],
  async restore(ctx) {
    const { objects } = await listLfsObjects(join(ctx.backupDir, LFS_OBJECTS_DIR));
    if (objects.length === 0) {
      ctx.log.info("the backup holds no LFS objects (git-repo/lfs/objects/); nothing to upload");
      return NONE;
    }
    if (!(await hasMirror(ctx.backupDir))) {
      ctx.warn("the backup holds LFS objects but no git mirror to find them from; nothing uploaded");
      return NONE;
    }
    if (ctx.journal.get("lfs_push", LFS_PUSH_KEY)?.outcome === "done") {
      ctx.log.info("LFS objects already uploaded by an earlier run (journal)");
      return { records: 0, skipped: objects.length, failed: 0 };
    }
    const bytes = objects.reduce((sum, o) => sum + o.size, 0);
    try {
      return await pushObjects(ctx, objects.length, bytes);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.itemFailed(failureText(error, ctx.client.redact));
      return { records: 0, skipped: 0, failed: objects.length };
    }
  },
};
