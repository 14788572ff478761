// Users (the simple-user object) as GitHub's REST API returns them.
import type { FakeStore, FakeUser } from "../../store/types.js";

export interface RestUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: FakeUser["type"];
  user_view_type: "public";
  site_admin: boolean;
}

export function restUser(user: FakeUser, baseUrl: string): RestUser {
  // GitHub percent-encodes bot logins ("dependabot%5Bbot%5D") and links bots to their app page.
  const api = `${baseUrl}/users/${encodeURIComponent(user.login)}`;
  const html =
    user.type === "Bot" && user.login.endsWith("[bot]")
      ? `${baseUrl}/apps/${encodeURIComponent(user.login.slice(0, -"[bot]".length))}`
      : `${baseUrl}/${encodeURIComponent(user.login)}`;
  return {
    login: user.login,
    id: user.id,
    node_id: user.node_id,
    avatar_url: `${baseUrl}/avatars/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: html,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: user.site_admin,
  };
}

/** A simple-user object, or null for a deleted user (userId null or unknown). */
export function serializeUser(store: FakeStore, userId: number | null, baseUrl: string): RestUser | null {
  if (userId === null) return null;
  const user = store.users.get(userId);
  return user ? restUser(user, baseUrl) : null;
}

export function serializeUsers(store: FakeStore, ids: number[], baseUrl: string): RestUser[] {
  const out: RestUser[] = [];
  for (const id of ids) {
    const user = serializeUser(store, id, baseUrl);
    if (user) out.push(user);
  }
  return out;
}
