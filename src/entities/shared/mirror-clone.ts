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
import { fetchMirror, listRemote, seedFromMirror } from "./mirror-seed.js";

/**
 * Mirrors `url` into `<outDir>/<dirName>/`. `keep` names folders of an earlier
 * mirror carried over into the new one (git-repo/lfs/: the LFS objects are
 * another job's, and stay valid whatever the refs are now). `reuse`: the folder
 * holds an earlier mirror (the previous save's, or an interrupted run's): its
 * checked objects seed a new repository that fetches only what is missing
 * (mirror-seed.ts); when that fails, the mirror is cloned afresh.
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
    const clone = () =>
      runGit(["clone", "--mirror", "--quiet", url, temp], {
        authHeader: ctx.client.gitAuthHeader(),
        signal: ctx.signal,
        redact: ctx.client.redact,
      });
    if (!reuse || !(await updatedCopy(ctx, url, dirName, final, temp))) {
      await rm(temp, { recursive: true, force: true });
      await clone();
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

/**
 * Builds the mirror in `temp` from the earlier one at `final` and what GitHub
 * has now; false when it could not. GitHub's refs are listed while the earlier
 * objects are checked; a listing that fails fails the job, as a clone would.
 */
async function updatedCopy(
  ctx: SaveContext,
  url: string,
  dirName: string,
  final: string,
  temp: string,
): Promise<boolean> {
  const listing = listRemote(ctx, url);
  // Awaited below on every path that uses it; this only keeps an early failure from going unhandled.
  listing.catch(() => undefined);
  try {
    await runGit(["init", "--bare", "--quiet", temp], { signal: ctx.signal });
    const seed = await seedFromMirror(ctx, final, temp);
    if (seed === null) return false;
    ctx.progress({ message: "fetching what is new" });
    const remote = await listing.catch((error: unknown) => {
      throw new ListingFailed(error);
    });
    const { fetched } = await fetchMirror(ctx, url, temp, seed, remote);
    ctx.log.info(
      `${dirName}: updated from the earlier mirror's checked objects${fetched ? ", fetching only what is new" : ", nothing new to fetch"}`,
    );
    return true;
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    if (error instanceof ListingFailed) throw error.cause;
    ctx.log.debug(`updating the earlier mirror failed (${(error as Error).message}); cloning afresh`);
    return false;
  }
}

/** GitHub could not list the refs: cloning would fail the same way. */
class ListingFailed extends Error {
  constructor(cause: unknown) {
    super("listing the refs failed", { cause });
  }
}
