import { int, str, strOrNull } from "../shared/fields.js";
import { listPages, writePages } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { LABELS_FILE, type LabelRecord, labelSortKey } from "./record.js";

export const labelsSaver: EntitySaver = {
  name: "labels",
  dependsOn: [],
  save: (ctx) =>
    writePages<LabelRecord>(ctx, listPages(ctx, "GET /repos/{owner}/{repo}/labels"), {
      file: LABELS_FILE,
      sortKey: labelSortKey,
      map: (label) => ({
        id: int(label.id, "label.id"),
        node_id: str(label.node_id, "label.node_id"),
        name: str(label.name, "label.name"),
        color: str(label.color, "label.color"),
        description: strOrNull(label.description, "label.description"),
        default: label.default === true,
      }),
    }),
};
