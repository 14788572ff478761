import { GIT_REPO_DIR } from "../../backup/git-mirror.js";
import { cloneMirror } from "../shared/mirror-clone.js";
import type { EntitySaver } from "../types.js";
import { hasMirror } from "./mirror.js";

export const gitRepoSaver: EntitySaver = {
  name: "git_repo",
  dependsOn: [],
  async save(ctx) {
    const { cloneUrl } = await ctx.repository;
    // git-repo/lfs/ holds the lfs_objects job's objects: a new clone keeps them.
    // Only a resumed save can find a mirror under its final name (a new one starts in an empty folder).
    const summary = await cloneMirror(ctx, cloneUrl, GIT_REPO_DIR, ["lfs"], await hasMirror(ctx.outDir));
    return { records: summary.records, files: [summary] };
  },
};
