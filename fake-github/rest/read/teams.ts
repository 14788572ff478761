// GET /repos/{owner}/{repo}/teams: the teams with access, with the permission each has.
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
  ];
}
