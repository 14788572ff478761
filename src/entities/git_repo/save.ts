import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { GIT_REPO_DIR, summarizeMirror } from "../../backup/git-mirror.js";
import { runGit } from "../../util/git.js";
import type { EntitySaver } from "../types.js";
import { hasMirror } from "./mirror.js";

/**
 * Reusing a mirror an interrupted run of this save completed: git reads its
 * objects (never its config or hooks) as ones it already has, so the server
 * sends only what is missing, and copies them in (--dissociate), so the new
 * mirror stands alone once the old one is replaced.
 */
function reuseArgs(existing: string): string[] {
  return ["--reference-if-able", existing, "--dissociate"];
}

export const gitRepoSaver: EntitySaver = {
  name: "git_repo",
  dependsOn: [],
  async save(ctx) {
    const { cloneUrl } = await ctx.repository;
    const final = join(ctx.outDir, GIT_REPO_DIR);
    const temp = `${final}.tmp-${randomBytes(6).toString("hex")}`;
    try {
      ctx.progress({ message: "cloning" });
      const clone = (extra: string[]) =>
        runGit(["clone", "--mirror", "--quiet", ...extra, cloneUrl, temp], {
          authHeader: ctx.client.gitAuthHeader(),
          signal: ctx.signal,
          redact: ctx.client.redact,
        });
      // Only a resumed save can find a mirror under its final name (a new one starts in an empty folder).
      if (await hasMirror(ctx.outDir)) {
        await clone(reuseArgs(final)).catch(async (error: unknown) => {
          if (ctx.signal.aborted) throw error;
          ctx.log.debug("cloning with the earlier mirror's objects failed; cloning afresh");
          await rm(temp, { recursive: true, force: true });
          await clone([]);
        });
      } else {
        await clone([]);
      }
      // Like the other files, the mirror appears under its final name only when complete.
      await rm(final, { recursive: true, force: true });
      await rename(temp, final);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    const summary = await summarizeMirror(ctx.outDir);
    ctx.progress({ items: summary.records });
    return { records: summary.records, files: [summary] };
  },
};
