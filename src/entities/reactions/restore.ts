// GitHub lets a token add only its own user's reactions, so reactions are not
// recreated: each restored issue, pull request, comment, review comment and
// release carries its reaction counts in its attribution block instead
// (counts.ts; src/restore/bodies.ts adds the line). This job only says so,
// in a dry run too.
import type { EntityRestorer } from "../../restore/types.js";
import { REACTIONS_FILE } from "./record.js";

export const reactionsRestorer: EntityRestorer = {
  name: "reactions",
  dependsOn: [],
  files: [REACTIONS_FILE],
  restore: async (ctx) => {
    let records = 0;
    for await (const _record of ctx.readRecords<unknown>(REACTIONS_FILE)) records++;
    if (records > 0) {
      ctx.log.info(
        `reactions: ${records} saved, carried as counts in the attribution of each restored issue, pull request, comment and release (GitHub cannot add other people's reactions)`,
      );
    }
    return { records: 0, skipped: records, failed: 0 };
  },
};
