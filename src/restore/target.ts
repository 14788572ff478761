// The restore target: look it up, create it when missing, and find out whether
// the token may use the Issue Import API there. Every failure here happens
// before anything is written and becomes one PreflightError line (exit 2).

import { PreflightError } from "../errors.js";
import type { GitHubClient } from "../github/client.js";
import { describeGitHubError, statusOf } from "../github/errors.js";
import { movedRepositoryProblem } from "../github/moved-repository.js";
import type { RepoRef } from "../github/repository.js";
import { restoringLogin } from "./restoring-account.js";
import type { TargetRepository } from "./types.js";

export const IMPORT_API_ACCEPT = "application/vnd.github.golden-comet-preview+json";

function field<T>(data: Record<string, unknown>, name: string, fallback: T): T {
  const value = data[name];
  return (value === undefined || value === null ? fallback : value) as T;
}

export function toTargetRepository(data: unknown, target: RepoRef): TargetRepository {
  const d = (data ?? {}) as Record<string, unknown>;
  const fullName = field(d, "full_name", `${target.owner}/${target.repo}`);
  return {
    id: field(d, "id", 0),
    fullName,
    htmlUrl: field(d, "html_url", ""),
    cloneUrl: field(d, "clone_url", ""),
    defaultBranch: field(d, "default_branch", "main"),
    private: field(d, "private", false),
  };
}

function hasResponse(error: unknown): boolean {
  return (
    typeof error === "object" && error !== null && (error as { response?: unknown }).response !== undefined
  );
}

/** The target, or null when it does not exist (404). */
export async function lookUpTarget(
  client: GitHubClient,
  target: RepoRef,
  signal: AbortSignal,
): Promise<TargetRepository | null> {
  const name = `${target.owner}/${target.repo}`;
  try {
    const response = await client.octokit.request("GET /repos/{owner}/{repo}", {
      owner: target.owner,
      repo: target.repo,
      request: { signal },
    });
    const found = toTargetRepository(response.data, target);
    const moved = movedRepositoryProblem(target, found.fullName);
    if (moved) throw new PreflightError(`restore target ${moved}`);
    return found;
  } catch (error) {
    if (error instanceof PreflightError) throw error;
    const status = hasResponse(error) ? statusOf(error) : undefined;
    if (status === 404) return null;
    if (status === 401)
      throw new PreflightError(
        "GitHub rejected the token (401 Bad credentials); check GITHUB_TOKEN or GH_TOKEN",
      );
    if (status === 403) throw new PreflightError(`the token may not read ${name} (403)`);
    throw new PreflightError(`could not reach ${name}: ${describeGitHubError(error, client.redact)}`);
  }
}

/** Creates the target under the token's user or under the organisation that owns it. */
export async function createTarget(
  client: GitHubClient,
  target: RepoRef,
  visibility: "public" | "private",
  signal: AbortSignal,
): Promise<TargetRepository> {
  const name = `${target.owner}/${target.repo}`;
  let login: string;
  try {
    login = await restoringLogin(client, signal);
  } catch (error) {
    throw new PreflightError(
      `cannot find out who the token belongs to: ${describeGitHubError(error, client.redact)}`,
    );
  }
  const body = { name: target.repo, private: visibility === "private", description: "", has_issues: true };
  try {
    const response =
      login === target.owner.toLowerCase()
        ? await client.octokit.request("POST /user/repos", { ...body, request: { signal } })
        : await client.octokit.request("POST /orgs/{org}/repos", {
            org: target.owner,
            ...body,
            request: { signal },
          });
    return toTargetRepository(response.data, target);
  } catch (error) {
    const status = hasResponse(error) ? statusOf(error) : undefined;
    const why =
      status === 403
        ? "the token may not create repositories there (403)"
        : status === 404
          ? `${target.owner} is neither the token's user nor an organisation it can see (404)`
          : describeGitHubError(error, client.redact);
    throw new PreflightError(`cannot create ${name}: ${why}`);
  }
}

/** A read-only probe: true when the token may use the Issue Import API on the target. */
export async function probeImportApi(
  client: GitHubClient,
  target: RepoRef,
  signal: AbortSignal,
): Promise<boolean> {
  try {
    await client.octokit.request("GET /repos/{owner}/{repo}/import/issues", {
      owner: target.owner,
      repo: target.repo,
      since: new Date().toISOString().slice(0, 10),
      headers: { accept: IMPORT_API_ACCEPT },
      request: { signal },
    });
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    return false;
  }
}
