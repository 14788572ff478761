// GET /repos/{owner}/{repo}/hooks: administrators only (404 otherwise, as
// GitHub answers), in id order, secrets masked.
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import { serializeHook } from "../serialize/hooks.js";
import { pagedList, readRoute, withRepo } from "./common.js";

export function hookRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/hooks", (req, { store }) =>
      withRepo(req, store, ({ repo, canAdmin }) =>
        canAdmin ? pagedList(req, repo.hooks, (hook) => serializeHook(repo, hook, req.baseUrl)) : notFound(),
      ),
    ),
  ];
}
