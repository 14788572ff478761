// The login of the account the token acts as, asked once per run (one client
// per run): a missing target is created under it, adoption trusts only
// objects this account wrote, and a review's event depends on whether this
// account authored the pull request.
import type { GitHubClient } from "../github/client.js";

const logins = new WeakMap<GitHubClient, Promise<string>>();

/** The token's login, lower-cased (GitHub logins are case-insensitive). */
export function restoringLogin(client: GitHubClient, signal?: AbortSignal): Promise<string> {
  let login = logins.get(client);
  if (!login) {
    login = client.octokit
      .request("GET /user", signal ? { request: { signal } } : {})
      .then((r) => String((r.data as { login?: unknown }).login ?? "").toLowerCase());
    // A failed lookup is asked again next time rather than remembered.
    login.catch(() => logins.delete(client));
    logins.set(client, login);
  }
  return login;
}

/** The lower-cased login of a listed object's author (`user`), null when it has none. */
export function authorOf(item: Record<string, unknown>): string | null {
  const user = item.user;
  if (typeof user !== "object" || user === null) return null;
  const login = (user as { login?: unknown }).login;
  return typeof login === "string" ? login.toLowerCase() : null;
}
