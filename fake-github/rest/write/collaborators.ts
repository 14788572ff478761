// PUT /repos/{owner}/{repo}/collaborators/{username}: admin only. A new
// collaborator answers 201 with the invitation; an existing one 204.
import type { RouteDef } from "../../http/types.js";
import { findUserByLogin } from "../../store/create-store.js";
import { addCollaborator } from "../../store/mutations/collaborators.js";
import type { RepoRole } from "../../store/types.js";
import { serializeRepoSummary } from "../serialize/repository.js";
import { restUser } from "../serialize/users.js";
import { requireAdminRepo } from "./access.js";
import { Body } from "./body.js";
import { created, noContent, writeRoute } from "./route.js";

const byPermission: Record<string, RepoRole> = {
  pull: "read",
  triage: "triage",
  push: "write",
  maintain: "maintain",
  admin: "admin",
};

export const collaboratorRoutes: RouteDef[] = [
  writeRoute(
    "PUT",
    "/repos/{owner}/{repo}/collaborators/{username}",
    "collaborators/collaborators#add-a-repository-collaborator",
    (req, { store }) => {
      const { repo, user: inviter } = requireAdminRepo(req, store);
      const permission = new Body(req.body).oneOf("permission", [
        "pull",
        "triage",
        "push",
        "maintain",
        "admin",
      ]);
      const user = findUserByLogin(store, req.params.username ?? "");
      const outcome = addCollaborator(store, repo, user, byPermission[permission ?? "push"] ?? "write");
      if (outcome === "updated" || !user) return noContent();
      return created({
        id: store.nextId(),
        node_id: `RI_${repo.id}_${user.id}`,
        repository: serializeRepoSummary(store, repo, req.baseUrl),
        invitee: restUser(user, req.baseUrl),
        inviter: restUser(inviter, req.baseUrl),
        permissions: permission ?? "push",
        created_at: store.now(),
        expired: false,
        url: `${req.baseUrl}/user/repository_invitations/0`,
        html_url: `${req.baseUrl}/${repo.ownerLogin}/${repo.name}/invitations`,
      });
    },
  ),
];
