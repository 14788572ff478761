// GET /repos/{owner}/{repo}, with the caller's permissions as GitHub reports them.
import type { RouteDef } from "../../http/types.js";
import { serializeRepo } from "../serialize/repository.js";
import { readRoute, withRepo } from "./common.js";

export function repositoryRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}", (req, { store }) =>
      withRepo(req, store, ({ repo, canWrite }) => {
        const body = serializeRepo(store, repo, req.baseUrl, {
          admin: canWrite,
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
  ];
}
