// The reactions job: a full read, or in an incremental save only the subjects
// whose reactions may have changed (incremental.ts). Kept apart from save.ts,
// which incremental.ts builds on.
import { writeRecords } from "../shared/write-pages.js";
import type { EntitySaver } from "../types.js";
import { saveReactionsIncrementally } from "./incremental.js";
import { REACTIONS_FILE, type ReactionRecord, reactionSortKey } from "./record.js";
import { readReactions, SUBJECT_JOBS, subjectsToRead } from "./save.js";

export const reactionsSaver: EntitySaver = {
  name: "reactions",
  // The subjects' jobs report their rollups while they read, and save the
  // files a resumed save reads the subjects from. One that fails leaves out
  // its subjects' reactions, not the others'.
  dependsOn: SUBJECT_JOBS,
  runsAfterFailedDependencies: true,
  save: async (ctx) => {
    const missing = new Map<string, string>();
    const result = ctx.incremental
      ? await saveReactionsIncrementally(ctx, missing)
      : await writeRecords<ReactionRecord>(ctx, REACTIONS_FILE, reactionSortKey, async (add) =>
          readReactions(ctx, add, await subjectsToRead(ctx, missing)),
        );
    if (missing.size === 0) return result;
    const jobs = [...missing].map(([job, status]) => `${job} (its job ${status})`).join(", ");
    const skipped = `partial: the reactions of ${jobs} are not saved; the other subjects' are`;
    ctx.log.warn(`reactions: ${skipped}`);
    return { ...result, skipped };
  },
};
