// Small pieces every resolver module uses: argument readers (graphql-js has
// already coerced arguments to the schema's types, these only narrow them for
// TypeScript), web URLs, actors and enum spellings.
import type { FakeIssue, FakeRepo, FakeUser } from "../../store/types.js";
import type { PageArgs } from "../connection.js";
import type { GqlContext } from "../context.js";
import { type UserSrc, userSrc } from "../sources.js";

export type Args = Record<string, unknown>;
export type Resolver<S> = (src: S, args: Args, ctx: GqlContext) => unknown;
export type TypeResolvers<S> = Record<string, Resolver<S>>;

export function intArg(args: Args, name: string): number | null {
  const value = args[name];
  return typeof value === "number" ? value : null;
}

export function stringArg(args: Args, name: string): string | null {
  const value = args[name];
  return typeof value === "string" ? value : null;
}

export function boolArg(args: Args, name: string): boolean | null {
  const value = args[name];
  return typeof value === "boolean" ? value : null;
}

export function stringListArg(args: Args, name: string): string[] | null {
  const value = args[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : null;
}

export function objectArg(args: Args, name: string): Args | null {
  const value = args[name];
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Args) : null;
}

export function pageArgs(args: Args): PageArgs {
  return {
    first: intArg(args, "first"),
    last: intArg(args, "last"),
    after: stringArg(args, "after"),
    before: stringArg(args, "before"),
    skip: intArg(args, "skip"),
  };
}

/** An `orderBy` input ({field, direction}), or the given default. */
export function orderArg(args: Args, fallback: { field: string; direction: "ASC" | "DESC" }) {
  const order = objectArg(args, "orderBy");
  const field = order && typeof order.field === "string" ? order.field : fallback.field;
  const direction = order && order.direction === "DESC" ? "DESC" : order ? "ASC" : fallback.direction;
  return { field, descending: direction === "DESC" };
}

export function webRepo(ctx: GqlContext, repo: FakeRepo): string {
  return `${ctx.baseUrl}/${repo.ownerLogin}/${repo.name}`;
}

export function repoPath(repo: FakeRepo): string {
  return `/${repo.ownerLogin}/${repo.name}`;
}

export function issuePath(repo: FakeRepo, issue: FakeIssue): string {
  return `${repoPath(repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;
}

/** The account GitHub shows in place of a deleted one, for fields that cannot be null. */
export const ghostUser: FakeUser = {
  id: 10137,
  node_id: "MDQ6VXNlcjEwMTM3",
  login: "ghost",
  type: "User",
  site_admin: false,
};

/** An Actor (User, Bot or Organization); null for a deleted account, as GitHub answers `author`. */
export function actor(ctx: GqlContext, userId: number | null): UserSrc | null {
  if (userId === null) return null;
  const user = ctx.store.users.get(userId);
  return user ? userSrc(user) : null;
}

/** For fields typed `User` (not Actor): whatever the account is, it is served as a User. */
export function asUser(ctx: GqlContext, userId: number | null): UserSrc | null {
  const found = actor(ctx, userId);
  return found ? { __typename: "User", user: found.user } : null;
}

const associations = new Set([
  "COLLABORATOR",
  "CONTRIBUTOR",
  "FIRST_TIMER",
  "FIRST_TIME_CONTRIBUTOR",
  "MANNEQUIN",
  "MEMBER",
  "NONE",
  "OWNER",
]);

/** REST's author_association ("first_time_contributor" or "FIRST_TIME_CONTRIBUTOR") as the enum value. */
export function association(value: string): string {
  const upper = value.toUpperCase();
  return associations.has(upper) ? upper : "NONE";
}

/** A number as GitHub's BigInt scalar, which is serialised as a string. */
export function bigInt(value: number): string {
  return String(value);
}
