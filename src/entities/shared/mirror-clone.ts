// Clones a bare mirror (git-repo/, wiki-repo/) into the backup folder: under a
// temporary name, renamed into place only when complete, like every file. The
// token reaches git in an environment-provided header (src/util/git.ts), so
// the mirror's config holds the plain URL.
import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { type MirrorSummary, summarizeMirror } from "../../backup/git-mirror.js";
import { runGit } from "../../util/git.js";
import type { SaveContext } from "../types.js";

/**
 * Mirrors `url` into `<outDir>/<dirName>/`. `keep` names folders of an earlier
 * mirror carried over into the new one (git-repo/lfs/: the LFS objects are
 * another job's, and stay valid whatever the refs are now). `reuse`: the folder
 * holds a mirror an interrupted run of this save completed; git reads its
 * objects (never its config or hooks) as ones it already has, so the server
 * sends only what is missing, and copies them in (--dissociate), so the new
 * mirror stands alone once the old one is replaced.
 */
export async function cloneMirror(
  ctx: SaveContext,
  url: string,
  dirName: string,
  keep: readonly string[] = [],
  reuse = false,
): Promise<MirrorSummary> {
  const final = join(ctx.outDir, dirName);
  const temp = `${final}.tmp-${randomBytes(6).toString("hex")}`;
  try {
    ctx.progress({ message: "cloning" });
    const clone = (extra: string[]) =>
      runGit(["clone", "--mirror", "--quiet", ...extra, url, temp], {
        authHeader: ctx.client.gitAuthHeader(),
        signal: ctx.signal,
        redact: ctx.client.redact,
      });
    if (reuse) {
      await clone(["--reference-if-able", final, "--dissociate"]).catch(async (error: unknown) => {
        if (ctx.signal.aborted) throw error;
        ctx.log.debug("cloning with the earlier mirror's objects failed; cloning afresh");
        await rm(temp, { recursive: true, force: true });
        await clone([]);
      });
    } else {
      await clone([]);
    }
    for (const folder of keep) {
      await rename(join(final, folder), join(temp, folder)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    }
    await rm(final, { recursive: true, force: true });
    await rename(temp, final);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  const summary = await summarizeMirror(ctx.outDir, dirName);
  ctx.progress({ items: summary.records });
  return summary;
}
