// Teams as GitHub's REST API returns them (the `team` schema).
import type { FakeTeam, TeamPermission } from "../../store/types.js";

const levels: readonly TeamPermission[] = ["pull", "triage", "push", "maintain", "admin"];

export function serializeTeam(
  team: FakeTeam,
  baseUrl: string,
  permission: TeamPermission = "pull",
): Record<string, unknown> {
  const api = `${baseUrl}/organizations/${team.orgLogin}/team/${team.id}`;
  const rank = levels.indexOf(permission);
  return {
    name: team.name,
    id: team.id,
    node_id: team.node_id,
    slug: team.slug,
    description: team.description,
    privacy: team.privacy,
    notification_setting: "notifications_enabled",
    url: api,
    html_url: `${baseUrl}/orgs/${team.orgLogin}/teams/${team.slug}`,
    members_url: `${api}/members{/member}`,
    repositories_url: `${api}/repos`,
    type: "organization",
    permission,
    permissions: {
      pull: rank >= 0,
      triage: rank >= 1,
      push: rank >= 2,
      maintain: rank >= 3,
      admin: rank >= 4,
    },
    parent: null,
  };
}
