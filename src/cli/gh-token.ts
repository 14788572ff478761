// The token of the GitHub CLI (`gh`) the user is already logged in with, for
// when neither GITHUB_TOKEN nor GH_TOKEN is set. `gh` runs without a shell,
// with a short timeout; its output is a secret and is never logged, and its
// stderr is discarded (it may describe the login state).
import { execFileSync } from "node:child_process";

/** How long `gh auth token` may take before it counts as not logged in. */
const GH_TIMEOUT_MS = 5_000;

/** The host `gh` knows an API URL's server by: github.com for api.github.com, else the URL's host. */
export function ghHostFor(apiUrl: string): string {
  const host = new URL(apiUrl).host.toLowerCase();
  return host === "api.github.com" ? "github.com" : host;
}

/**
 * What `gh auth token --hostname HOST` prints, trimmed, or undefined when
 * `gh` is missing, not logged in, slow, or prints something that is not a
 * single token. `env` is the environment `gh` runs with (its PATH finds `gh`).
 */
export function tokenFromGh(
  apiUrl: string,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  let output: string;
  try {
    output = execFileSync("gh", ["auth", "token", "--hostname", ghHostFor(apiUrl)], {
      env: { ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: GH_TIMEOUT_MS,
      maxBuffer: 64 * 1024,
      windowsHide: true,
    });
  } catch {
    return undefined;
  }
  const token = output.trim();
  if (token === "" || /[\s\p{Cc}]/u.test(token)) return undefined;
  return token;
}
