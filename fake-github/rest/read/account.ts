// GET /user (the token's user) and GET /users/{username}.
import { notFound, requiresAuthentication } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import { findUserByLogin } from "../../store/create-store.js";
import type { FakeStore, FakeUser } from "../../store/types.js";
import { serializeUser } from "../serialize/users.js";
import { readRoute } from "./common.js";

const accountCreatedAt = "2020-01-01T00:00:00Z";

function profile(store: FakeStore, user: FakeUser, baseUrl: string): Record<string, unknown> {
  return {
    ...serializeUser(store, user.id, baseUrl),
    name: null,
    company: null,
    blog: "",
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: accountCreatedAt,
    updated_at: accountCreatedAt,
  };
}

export function accountRoutes(): RouteDef[] {
  return [
    readRoute("/user", (req, { store }) => {
      if (!req.user) return requiresAuthentication();
      return { status: 200, body: profile(store, req.user, req.baseUrl) };
    }),
    readRoute("/users/{username}", (req, { store }) => {
      const user = findUserByLogin(store, req.params.username ?? "");
      return user ? { status: 200, body: profile(store, user, req.baseUrl) } : notFound();
    }),
  ];
}
