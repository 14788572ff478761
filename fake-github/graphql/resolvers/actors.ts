// User, Bot and Organization (the Actor and RepositoryOwner interfaces).
import type { FakeUser } from "../../store/types.js";
import type { UserSrc } from "../sources.js";
import { intArg, type TypeResolvers } from "./shared.js";

/** GraphQL names a bot without REST's "[bot]" suffix ("dependabot", not "dependabot[bot]"). */
function login(user: FakeUser, typename: UserSrc["__typename"]): string {
  return typename === "Bot" ? user.login.replace(/\[bot\]$/, "") : user.login;
}

function path(src: UserSrc): string {
  return src.__typename === "Bot" ? `/apps/${login(src.user, "Bot")}` : `/${src.user.login}`;
}

export const actorResolvers: TypeResolvers<UserSrc> = {
  id: (src) => src.user.node_id,
  databaseId: (src) => src.user.id,
  login: (src) => login(src.user, src.__typename),
  name: () => null,
  resourcePath: (src) => path(src),
  url: (src, _args, ctx) => `${ctx.baseUrl}${path(src)}`,
  avatarUrl: (src, args, ctx) => {
    const size = intArg(args, "size");
    return `${ctx.baseUrl}/avatars/u/${src.user.id}?v=4${size === null ? "" : `&s=${size}`}`;
  },
};
