import { int, objOrNull, str, strOrNull } from "../shared/fields.js";
import { skipWithoutPermission } from "../shared/permission-skip.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { TEAMS_FILE, type TeamRecord, teamSortKey } from "./record.js";

export const teamsSaver: EntitySaver = {
  name: "teams",
  dependsOn: [],
  save: (ctx) =>
    skipWithoutPermission(
      ctx,
      "teams",
      "read access to the organisation's teams (classic: read:org scope)",
      () =>
        writePages<TeamRecord>(ctx, listPages(ctx, "GET /repos/{owner}/{repo}/teams", { per_page: 100 }), {
          file: TEAMS_FILE,
          sortKey: teamSortKey,
          map: (t) => {
            const parent = objOrNull(t.parent, "team.parent");
            return {
              id: int(t.id, "team.id"),
              node_id: str(t.node_id, "team.node_id"),
              slug: str(t.slug, "team.slug"),
              name: str(t.name, "team.name"),
              description: strOrNull(t.description, "team.description"),
              privacy: strOrNull(t.privacy, "team.privacy"),
              permission: str(t.permission, "team.permission"),
              parent: parent && str(parent.slug, "team.parent.slug"),
            };
          },
        }),
    ),
};
