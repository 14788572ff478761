// Collaborators (the `collaborator` schema): a user with the role and the
// permissions it gives on the repository.
import type { FakeCollaborator, FakeStore, RepoRole } from "../../store/types.js";
import { restUser } from "./users.js";

const roles: readonly RepoRole[] = ["read", "triage", "write", "maintain", "admin"];

export function serializeCollaborator(
  store: FakeStore,
  collaborator: FakeCollaborator,
  baseUrl: string,
): Record<string, unknown> | null {
  const user = store.users.get(collaborator.userId);
  if (!user) return null;
  const rank = roles.indexOf(collaborator.role_name);
  const { user_view_type: _hidden, ...rest } = restUser(user, baseUrl);
  return {
    ...rest,
    permissions: {
      pull: rank >= 0,
      triage: rank >= 1,
      push: rank >= 2,
      maintain: rank >= 3,
      admin: rank >= 4,
    },
    role_name: collaborator.role_name,
  };
}
