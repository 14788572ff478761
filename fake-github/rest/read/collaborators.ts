// GET /repos/{owner}/{repo}/collaborators: needs push access (GitHub answers
// 403 "Must have push access to view repository collaborators." otherwise).
// Listed in the order they were added.
import { errorResponse } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import { serializeCollaborator } from "../serialize/collaborators.js";
import { pagedList, readRoute, withRepo } from "./common.js";

export function collaboratorRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/collaborators", (req, { store }) =>
      withRepo(req, store, ({ repo, canWrite }) => {
        if (!canWrite) {
          return errorResponse(
            403,
            "Must have push access to view repository collaborators.",
            "https://docs.github.com/rest/collaborators/collaborators#list-repository-collaborators",
          );
        }
        const present = repo.collaborators.filter((c) => store.users.has(c.userId));
        return pagedList(req, present, (c) => serializeCollaborator(store, c, req.baseUrl));
      }),
    ),
  ];
}
