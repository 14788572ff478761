import { GIT_REPO_DIR } from "../../backup/git-mirror.js";
import { cloneMirror } from "../shared/mirror-clone.js";
import type { EntitySaver } from "../types.js";

export const gitRepoSaver: EntitySaver = {
  name: "git_repo",
  dependsOn: [],
  async save(ctx) {
    const { cloneUrl } = await ctx.repository;
    // git-repo/lfs/ holds the lfs_objects job's objects: a new clone keeps them.
    const summary = await cloneMirror(ctx, cloneUrl, GIT_REPO_DIR, ["lfs"]);
    return { records: summary.records, files: [summary] };
  },
};
