import { int, str, strOrNull } from "../shared/fields.js";
import { userRef } from "../shared/rest-refs.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { MILESTONES_FILE, type MilestoneRecord, milestoneSortKey } from "./record.js";

export const milestonesSaver: EntitySaver = {
  name: "milestones",
  dependsOn: [],
  save: (ctx) =>
    writePages<MilestoneRecord>(
      ctx,
      listPages(ctx, "GET /repos/{owner}/{repo}/milestones", {
        state: "all",
        sort: "due_on",
        direction: "asc",
      }),
      {
        file: MILESTONES_FILE,
        sortKey: milestoneSortKey,
        map: (m) => ({
          id: int(m.id, "milestone.id"),
          node_id: str(m.node_id, "milestone.node_id"),
          number: int(m.number, "milestone.number"),
          title: str(m.title, "milestone.title"),
          description: strOrNull(m.description, "milestone.description"),
          state: str(m.state, "milestone.state") as MilestoneRecord["state"],
          creator: userRef(m.creator, "milestone.creator"),
          open_issues: int(m.open_issues, "milestone.open_issues"),
          closed_issues: int(m.closed_issues, "milestone.closed_issues"),
          created_at: str(m.created_at, "milestone.created_at"),
          updated_at: str(m.updated_at, "milestone.updated_at"),
          closed_at: strOrNull(m.closed_at, "milestone.closed_at"),
          due_on: strOrNull(m.due_on, "milestone.due_on"),
          html_url: str(m.html_url, "milestone.html_url"),
        }),
      },
    ),
};
