// Crash recovery: an object created by an interrupted run may have no journal
// entry, but its body carries a hidden marker with the original id. A
// MarkerIndex lists the target's objects of one kind once, on first need, and
// answers "was original X created already?". When the target did not exist
// before this run, nothing can be there and nothing is listed.
import { paginateParallel } from "../../github/paginate-parallel.js";
import type { ObjectKind, RestoreContext } from "../../restore/types.js";

export interface MarkedObject {
  /** The target object's id and (issues, PRs) number. */
  id: number;
  number?: number;
  /** The raw listed object, for callers that need more. */
  item: Record<string, unknown>;
}

export class MarkerIndex {
  private loaded: Promise<Map<string, MarkedObject>> | null = null;
  private always = false;

  constructor(
    private readonly ctx: RestoreContext,
    private readonly kind: ObjectKind,
    private readonly route: string,
    private readonly params: Record<string, unknown> = {},
  ) {}

  /** Lists even in a target this run created (to learn the ids of objects it just made). */
  alwaysList(): this {
    this.always = true;
    return this;
  }

  /** The target object that carries the marker of original `originalId`, if any. */
  async find(originalId: string): Promise<MarkedObject | undefined> {
    if (!this.ctx.targetRepo || (!this.always && !this.ctx.mayHaveRestoredObjects)) return undefined;
    this.loaded ??= this.load();
    return (await this.loaded).get(originalId);
  }

  /** Forget the listing (after this run created objects the listing should include). */
  reset(): void {
    this.loaded = null;
  }

  private async load(): Promise<Map<string, MarkedObject>> {
    const found = new Map<string, MarkedObject>();
    const { ctx, kind } = this;
    await paginateParallel<Record<string, unknown>>(
      ctx.client,
      this.route,
      { owner: ctx.target.owner, repo: ctx.target.repo, ...this.params },
      {
        signal: ctx.signal,
        onPage: (items) => {
          for (const item of items) {
            const body = typeof item.body === "string" ? item.body : null;
            const original = ctx.bodies.markerOf(body, kind);
            if (original === null || typeof item.id !== "number" || found.has(original)) continue;
            found.set(original, {
              id: item.id,
              ...(typeof item.number === "number" ? { number: item.number } : {}),
              item,
            });
          }
        },
      },
    );
    return found;
  }
}
