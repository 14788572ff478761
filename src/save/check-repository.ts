// Confirms the token works and the repository is visible before a save or
// restore writes anything, turning GitHub's answers into one clear line.

import { bool, obj, str } from "../entities/shared/fields.js";
import { PreflightError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import { describeGitHubError } from "../github/errors.js";
import { movedRepositoryProblem } from "../github/moved-repository.js";
import type { RepoRef, RepositoryInfo } from "../github/repository.js";
import { BEFORE_READY } from "./hold-failures.js";
import { PRIORITY } from "./priorities.js";

function status(error: unknown): number | undefined {
  const value = (error as { status?: unknown } | null)?.status;
  return typeof value === "number" ? value : undefined;
}

export async function checkRepository(
  client: GitHubClient,
  repo: RepoRef,
  signal: AbortSignal,
): Promise<RepositoryInfo> {
  try {
    const response = await client.octokit.request("GET /repos/{owner}/{repo}", {
      owner: repo.owner,
      repo: repo.repo,
      // The jobs' failures wait for this one (hold-failures), so it is never held.
      request: { signal, priority: PRIORITY.preflight, ...BEFORE_READY },
    });
    const data = obj(response.data, "repository");
    const fullName = str(data.full_name, "repository.full_name");
    const moved = movedRepositoryProblem(repo, fullName);
    if (moved) throw new PreflightError(moved);
    return {
      fullName,
      cloneUrl: str(data.clone_url, "repository.clone_url"),
      defaultBranch: str(data.default_branch, "repository.default_branch"),
      private: bool(data.private, "repository.private"),
    };
  } catch (error) {
    if (error instanceof PreflightError) throw error;
    const name = `${repo.owner}/${repo.repo}`;
    switch (status(error)) {
      case 401:
        throw new PreflightError(
          "GitHub rejected the token (401 Bad credentials); check GITHUB_TOKEN or GH_TOKEN",
        );
      case 403:
        throw new PreflightError(
          `the token may not read ${name} (403); it needs the repo scope or read access`,
        );
      case 404:
        throw new PreflightError(`repository ${name} does not exist or is not visible to this token (404)`);
      default:
        throw new PreflightError(`could not reach ${name}: ${describeGitHubError(error, client.redact)}`);
    }
  }
}
