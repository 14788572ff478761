// Mirrors the repository's wiki (OWNER/REPO.wiki.git) into wiki-repo/, like
// git-repo/. GitHub creates a wiki's repository only when its first page is
// made on the web, and answers "not found" until then (or when the wiki is
// turned off): the job is then skipped, not failed.
import { WIKI_REPO_DIR } from "../../backup/git-mirror.js";
import { GitError } from "../../util/git.js";
import { hasMirror } from "../git_repo/mirror.js";
import { cloneMirror } from "../shared/mirror-clone.js";
import type { EntitySaver } from "../types.js";
import { isForbidden, isNotFound, wikiUrlOf } from "./url.js";

export const wikiSaver: EntitySaver = {
  name: "wiki",
  dependsOn: [],
  async save(ctx) {
    const { cloneUrl } = await ctx.repository;
    try {
      const reuse = await hasMirror(ctx.outDir, WIKI_REPO_DIR);
      const summary = await cloneMirror(ctx, wikiUrlOf(cloneUrl), WIKI_REPO_DIR, [], reuse);
      return { records: summary.records, files: [summary] };
    } catch (error) {
      if (!(error instanceof GitError) || ctx.signal.aborted) throw error;
      let skipped: string | null = null;
      if (isNotFound(error.message))
        skipped =
          "the repository has no wiki (GitHub answers not found until a first page is created, or the wiki is turned off)";
      else if (isForbidden(error.message))
        skipped =
          "GitHub refused to serve the wiki (403): the token needs read access to the repository's contents";
      if (skipped === null) throw error;
      ctx.log.warn(`wiki skipped: ${skipped}`);
      return { records: 0, files: [], skipped };
    }
  },
};
