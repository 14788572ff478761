// One parent's list checked against the count GitHub reported next to it,
// for lists read whole with their parent (a GraphQL connection, a release's
// assets, a pull request's labels): a short list is read again through the
// parent's own path; what is still missing is explained only if GitHub's
// count has dropped since (deleted during the save). Anything else fails the
// job, naming the parent and both counts. (Children read from repository-wide
// lists are reconciled in bulk by reconcile-children.ts.)
import type { SaveContext } from "../types.js";
import { UnreconciledCountsError } from "./reconcile-children.js";

export interface ListCheck<T> {
  /** "pull request #12", for messages. */
  parentName: string;
  /** "reviews", for messages. */
  noun: string;
  reported: number;
  listed: T[];
  /** The whole list again, through the parent's own path. */
  readAgain(): Promise<T[]>;
  /** GitHub's count now. */
  currentCount(): Promise<number>;
}

/** The list, or the list read again when the first was short; throws on an unexplained shortfall. */
export async function reconciledList<T>(ctx: SaveContext, check: ListCheck<T>): Promise<T[]> {
  const { listed, reported } = check;
  if (listed.length >= reported) return listed;
  const again = await check.readAgain();
  if (again.length >= reported || again.length >= (await check.currentCount())) {
    ctx.log.info(
      `${check.noun} of ${check.parentName}: read again (${listed.length} of ${reported} the first time, ${again.length} now)`,
    );
    return again;
  }
  throw new UnreconciledCountsError(check.noun, [
    `${check.parentName}: GitHub reports ${reported} ${check.noun}, ${again.length} saved`,
  ]);
}
