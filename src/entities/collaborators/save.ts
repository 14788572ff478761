import { int, objOrNull, str } from "../shared/fields.js";
import { skipWithoutPermission } from "../shared/permission-skip.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { COLLABORATORS_FILE, type CollaboratorRecord, collaboratorSortKey } from "./record.js";

export const collaboratorsSaver: EntitySaver = {
  name: "collaborators",
  dependsOn: [],
  save: (ctx) =>
    skipWithoutPermission(
      ctx,
      "collaborators",
      "push access to the repository (classic: repo scope; fine-grained: Metadata read and push access)",
      () =>
        writePages<CollaboratorRecord>(
          ctx,
          listPages(ctx, "GET /repos/{owner}/{repo}/collaborators", { affiliation: "all", per_page: 100 }),
          {
            file: COLLABORATORS_FILE,
            sortKey: collaboratorSortKey,
            map: (c) => {
              const p = objOrNull(c.permissions, "collaborator.permissions");
              return {
                login: str(c.login, "collaborator.login"),
                id: int(c.id, "collaborator.id"),
                type: str(c.type, "collaborator.type"),
                role_name: str(c.role_name, "collaborator.role_name"),
                permissions: p && {
                  pull: p.pull === true,
                  triage: p.triage === true,
                  push: p.push === true,
                  maintain: p.maintain === true,
                  admin: p.admin === true,
                },
              };
            },
          },
        ),
    ),
};
