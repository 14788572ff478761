// GET /repos/{owner}/{repo}/teams: the teams with access, with the permission
// each has; GET /orgs/{org}/teams/{team_slug}: one team of an organisation
// (visible to its members: here, to any token).
import { notFound } from "../../http/responses.js";
import type { RouteDef } from "../../http/types.js";
import type { FakeTeam, TeamPermission } from "../../store/types.js";
import { serializeTeam } from "../serialize/teams.js";
import { pagedList, readRoute, withRepo } from "./common.js";

export function teamRoutes(): RouteDef[] {
  return [
    readRoute("/repos/{owner}/{repo}/teams", (req, { store }) =>
      withRepo(req, store, ({ repo }) => {
        const rows = repo.teamAccess.flatMap((access) => {
          const team = store.teams.find((t) => t.id === access.teamId);
          return team ? [{ team, permission: access.permission }] : [];
        });
        return pagedList(req, rows, (row: { team: FakeTeam; permission: TeamPermission }) =>
          serializeTeam(row.team, req.baseUrl, row.permission),
        );
      }),
    ),
    readRoute("/orgs/{org}/teams", (req, { store }) => {
      const org = (req.params.org ?? "").toLowerCase();
      const teams = store.teams.filter((t) => t.orgLogin.toLowerCase() === org);
      return req.user ? pagedList(req, teams, (team) => serializeTeam(team, req.baseUrl)) : notFound();
    }),
  ];
}
