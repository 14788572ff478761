// A restorer for a type GitHub offers no way to recreate from a backup: it
// writes nothing and says so once, with the reason, when the backup holds records.

import type { EntityRestorer } from "../../restore/types.js";
import type { EntityName } from "../names.js";

export function saveOnlyRestorer(name: EntityName, file: string, why: string): EntityRestorer {
  return {
    name,
    dependsOn: [],
    files: [file],
    restore: async (ctx) => {
      let records = 0;
      for await (const _record of ctx.readRecords<unknown>(file)) records++;
      if (records > 0) ctx.log.info(`${name}: ${records} saved, not restored: ${why}`);
      return { records: 0, skipped: records, failed: 0 };
    },
  };
}
