// GET /repos/{owner}/{repo}, with the caller's permissions as GitHub reports them, and its topics.
import type { RouteDef } from "../../http/types.js";
import { serializeRepo } from "../serialize/repository.js";
import { readRoute, withRepo } from "./common.js";

export function repositoryRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}", (req, { store }) =>
      withRepo(req, store, ({ repo, canWrite, canAdmin }) => {
        const body = serializeRepo(store, repo, req.baseUrl, {
          admin: canAdmin,
          maintain: canWrite,
          push: canWrite,
          triage: canWrite,
          pull: true,
        });
        // Anonymous callers get no permissions block.
        if (!req.user) delete body.permissions;
        return { status: 200, body };
      }),
    ),
    readRoute("/repos/{owner}/{repo}/topics", (req, { store }) =>
      withRepo(req, store, ({ repo }) => ({ status: 200, body: { names: [...repo.settings.topics] } })),
    ),
  ];
}
