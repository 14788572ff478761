// GET /repos/{owner}/{repo}/branches/{branch}/protection: administrators only
// (anyone else gets 404, as GitHub hides it); an unprotected branch answers
// 404 "Branch not protected".
import { errorResponse, notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import { serializeBranchProtection } from "../serialize/branch-protection.js";
import { readRoute, withRepo } from "./common.js";

export function branchProtectionRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/branches/{branch}/protection", (req, { store }) =>
      withRepo(req, store, ({ repo, canAdmin }) => {
        const branch = req.params.branch ?? "";
        if (!canAdmin || !repo.branches.has(branch)) return notFound();
        const protection = repo.protections.get(branch);
        if (!protection) {
          return errorResponse(
            404,
            "Branch not protected",
            "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
          );
        }
        return { status: 200, body: serializeBranchProtection(store, repo, branch, protection, req.baseUrl) };
      }),
    ),
  ];
}
