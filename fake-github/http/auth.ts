// Token authentication and repository access, as GitHub applies them: an
// unknown token is a 401 everywhere, and a repository the caller may not read
// does not exist for it (404).
import type { FakeRepo, FakeStore, FakeToken, FakeUser } from "../store/types.js";

export type Auth =
  | { kind: "anonymous" }
  | { kind: "invalid" }
  | { kind: "user"; token: string; grant: FakeToken; user: FakeUser };

/**
 * Extracts the token from `token X`, `Bearer X` or `Basic base64(user:X)`
 * (git sends the token as the password; as the user name when the password is
 * empty or "x-oauth-basic"). Undefined when there is no credential at all.
 */
export function tokenFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const space = header.indexOf(" ");
  if (space < 0) return "";
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === "token" || scheme === "bearer") return value;
  if (scheme === "basic") {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return decoded;
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    return password === "" || password === "x-oauth-basic" ? user : password;
  }
  return "";
}

export function authenticate(store: FakeStore, header: string | undefined): Auth {
  const token = tokenFromHeader(header);
  if (token === undefined) return { kind: "anonymous" };
  const grant = store.tokens.get(token);
  const user = grant ? store.users.get(grant.userId) : undefined;
  if (!grant || !user) return { kind: "invalid" };
  return { kind: "user", token, grant, user };
}

function repoKeyOf(repo: FakeRepo): string {
  return `${repo.ownerLogin}/${repo.name}`.toLowerCase();
}

function grants(list: "*" | string[], repo: FakeRepo): boolean {
  if (list === "*") return true;
  const key = repoKeyOf(repo);
  return list.some((entry) => entry.toLowerCase() === key);
}

/** A token may read a repository it was granted; anyone may read a public one. */
export function canReadRepo(grant: FakeToken | null, repo: FakeRepo): boolean {
  if (!repo.private) return true;
  return grant !== null && (grants(grant.read, repo) || grants(grant.write, repo));
}

export function canWriteRepo(grant: FakeToken | null, repo: FakeRepo): boolean {
  return grant !== null && grants(grant.write, repo);
}

/** Admin rights: the token's `admin` list, or its `write` list when it names none. */
export function canAdminRepo(grant: FakeToken | null, repo: FakeRepo): boolean {
  return grant !== null && grants(grant.admin ?? grant.write, repo);
}
