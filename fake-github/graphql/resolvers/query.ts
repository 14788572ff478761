// The root fields: repository, node, nodes, viewer, rateLimit.
import { findRepo } from "../../store/create-store.js";
import { canRead } from "../context.js";
import { GitHubFieldError } from "../errors.js";
import { findNode } from "../node-lookup.js";
import { repoSrc } from "../sources.js";
import { stringArg, type TypeResolvers } from "./shared.js";

function nodeNotFound(id: string): GitHubFieldError {
  return new GitHubFieldError("NOT_FOUND", `Could not resolve to a node with the global id of '${id}'`);
}

/** The root value is unused: everything comes from the context. */
export const queryResolvers: TypeResolvers<unknown> = {
  repository: (_src, args, ctx) => {
    if (ctx.dryRun) return null;
    const owner = stringArg(args, "owner") ?? "";
    const name = stringArg(args, "name") ?? "";
    const repo = findRepo(ctx.store, owner, name);
    if (!repo || !canRead(ctx, repo)) {
      throw new GitHubFieldError(
        "NOT_FOUND",
        `Could not resolve to a Repository with the name '${owner}/${name}'.`,
      );
    }
    return repoSrc(repo);
  },
  node: (_src, args, ctx) => {
    if (ctx.dryRun) return null;
    const id = stringArg(args, "id") ?? "";
    const found = findNode(ctx, id);
    if (!found) throw nodeNotFound(id);
    return found;
  },
  // A missing id is a null entry plus an error at ["nodes", index]: graphql-js
  // reports an Error returned as a list item at that item's path.
  nodes: (_src, args, ctx) => {
    if (ctx.dryRun) return [];
    const ids = Array.isArray(args.ids) ? args.ids.map(String) : [];
    return ids.map((id) => findNode(ctx, id) ?? nodeNotFound(id));
  },
  viewer: (_src, _args, ctx) => ({ __typename: "User", user: ctx.viewer }),
  rateLimit: (_src, _args, ctx) => ({ ...ctx.rate }),
};
