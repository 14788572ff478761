import { randomBytes } from "node:crypto";
import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { obj, str } from "../shared/fields.js";
import type { EntitySaver } from "../types.js";
import { dirSize, refListing, runGit, sha256 } from "./git.js";

export const GIT_REPO_DIR = "git-repo";

export const gitRepoSaver: EntitySaver = {
  name: "git_repo",
  dependsOn: [],
  async save(ctx) {
    const response = await ctx.client.octokit.request("GET /repos/{owner}/{repo}", {
      owner: ctx.repo.owner,
      repo: ctx.repo.repo,
      request: { signal: ctx.signal },
    });
    const cloneUrl = str(obj(response.data, "repository").clone_url, "repository.clone_url");
    const final = join(ctx.outDir, GIT_REPO_DIR);
    const temp = `${final}.tmp-${randomBytes(6).toString("hex")}`;
    const git = { authHeader: ctx.client.gitAuthHeader(), signal: ctx.signal, redact: ctx.client.redact };
    try {
      ctx.progress({ message: "cloning" });
      await runGit(["clone", "--mirror", "--quiet", cloneUrl, temp], git);
      // Like the other files, the mirror appears under its final name only when complete.
      await rm(final, { recursive: true, force: true });
      await rename(temp, final);
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
    const refs = await refListing(final);
    const count = refs.split("\n").filter(Boolean).length;
    ctx.progress({ items: count });
    return {
      records: count,
      files: [{ file: `${GIT_REPO_DIR}/`, records: count, bytes: await dirSize(final), sha256: sha256(refs) }],
    };
  },
};
