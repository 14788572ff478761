// OWNER/REPO parsing with GitHub's naming rules, so a typo fails before any request.

import { UsageError } from "../errors.js";
import type { RepoRef } from "../github/repository.js";

/** A repository named on the command line. */
export interface ParsedRepo extends RepoRef {
  /** "owner/repo" */
  fullName: string;
}

// 1–39 characters: alphanumerics or single hyphens, not at either end.
const OWNER = /^(?=.{1,39}$)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const REPO = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Parses `OWNER/REPO`; also accepts a repository URL (`https://host/OWNER/REPO[.git]`)
 * since that is what people copy from a browser.
 */
export function parseRepoRef(text: string, source: string): ParsedRepo {
  const value = stripUrl(text.trim());
  const parts = value.split("/");
  if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
    throw new UsageError(`${source}: "${text}" is not OWNER/REPO (for example octocat/hello-world)`);
  }
  const [owner, repo] = parts as [string, string];
  if (!OWNER.test(owner)) {
    throw new UsageError(
      `${source}: "${owner}" is not a valid owner: use 1-39 letters, digits or single hyphens, not starting or ending with a hyphen`,
    );
  }
  if (!REPO.test(repo) || repo === "." || repo === "..") {
    throw new UsageError(
      `${source}: "${repo}" is not a valid repository name: use 1-100 letters, digits, ".", "-" or "_" (not "." or "..")`,
    );
  }
  return { owner, repo, fullName: `${owner}/${repo}` };
}

function stripUrl(value: string): string {
  if (!/^https?:\/\//i.test(value)) return value;
  let path: string;
  try {
    path = new URL(value).pathname;
  } catch {
    return value;
  }
  return path.replace(/^\/+|\/+$/g, "").replace(/\.git$/i, "");
}
