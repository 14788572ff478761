// Types that need more than read access (settings, protection, hooks, people):
// a 403 or 404 from GitHub on their routes, once the repository check has
// passed, means the token lacks a permission. That is a skip naming what is
// needed, never a failure of the save.
import { statusOf } from "../../github/errors.js";
import type { EntitySaveResult, SaveContext } from "../types.js";

/** Runs `save`; a 403/404 (not a rate limit) becomes a skipped result with a reason naming `needed`. */
export async function skipWithoutPermission(
  ctx: SaveContext,
  name: string,
  needed: string,
  save: () => Promise<EntitySaveResult>,
): Promise<EntitySaveResult> {
  try {
    return await save();
  } catch (error) {
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : "";
    if (ctx.signal.aborted || (status !== 403 && status !== 404) || /rate limit/i.test(message)) throw error;
    // The repository itself exists for the token: the check has passed, or its own error explains the answer.
    await ctx.repository;
    const skipped = `GitHub answered ${status}: the token needs ${needed}`;
    ctx.log.warn(`${name} skipped: ${skipped}`);
    return { records: 0, files: [], skipped };
  }
}
