import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { GIT_REPO_DIR, summarizeMirror } from "../../backup/git-mirror.js";
import { runGit } from "../../util/git.js";
import type { EntitySaver } from "../types.js";

export const gitRepoSaver: EntitySaver = {
  name: "git_repo",
  dependsOn: [],
  async save(ctx) {
    const { cloneUrl } = await ctx.repository;
    const final = join(ctx.outDir, GIT_REPO_DIR);
    const temp = `${final}.tmp-${randomBytes(6).toString("hex")}`;
    try {
      ctx.progress({ message: "cloning" });
      await runGit(["clone", "--mirror", "--quiet", cloneUrl, temp], {
        authHeader: ctx.client.gitAuthHeader(),
        signal: ctx.signal,
        redact: ctx.client.redact,
      });
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
