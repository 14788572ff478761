// Adoption by marker. An object an interrupted run created may have no journal
// entry (the crash fell between GitHub's answer and the fsync), but its body
// starts with the hidden marker carrying the original id. A MarkerIndex lists
// the target's objects of one kind once, on first need, and answers "was
// original X created already?". Only objects the restoring account wrote
// count: anyone may write a marker into an issue or comment of a public
// repository, and adopting theirs would leave the real object unrestored.
// When the target did not exist before this run, nothing can be there and
// nothing is listed.
import { paginateParallel } from "../github/paginate-parallel.js";
import { markerOf } from "./bodies.js";
import { authorOf, restoringLogin } from "./restoring-account.js";
import type { ObjectKind, RestoreContext } from "./types.js";

type Item = Record<string, unknown>;

export interface MarkedObject {
  /** The target object's id and (issues, PRs) number. */
  id: number;
  number?: number;
  /** Its body as it is in the target (for the references it still waits for). */
  body: string;
  /** The raw listed object, for callers that need more. */
  item: Item;
}

export interface MarkerIndexOptions {
  /** Extra parameters of the list request. */
  params?: Record<string, unknown>;
  /** Only listed items this accepts are considered (e.g. issues, not pull requests). */
  accept?: (item: Item) => boolean;
  /** Runs once before the listing (e.g. waits for imports that would add to it). */
  before?: () => Promise<void>;
}

/** The original id a listed object carries, when the restoring account (`login`) wrote it with our marker. */
export function adoptableOriginal(item: Item, kind: ObjectKind, login: string): string | null {
  if (authorOf(item) !== login || typeof item.body !== "string") return null;
  return markerOf(item.body, kind);
}

export class MarkerIndex {
  private loaded: Promise<Map<string, MarkedObject>> | null = null;
  private always = false;

  constructor(
    private readonly ctx: RestoreContext,
    private readonly kind: ObjectKind,
    private readonly route: string,
    private readonly options: MarkerIndexOptions = {},
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

  private async load(): Promise<Map<string, MarkedObject>> {
    const { ctx, kind, options } = this;
    await options.before?.();
    const login = await restoringLogin(ctx.client, ctx.signal);
    const pages: Item[][] = [];
    await paginateParallel<Item>(
      ctx.client,
      this.route,
      { owner: ctx.target.owner, repo: ctx.target.repo, ...options.params },
      {
        signal: ctx.signal,
        onPage: (items, page) => {
          pages[page - 1] = items;
        },
      },
    );
    // In listing order, whatever order the pages arrived in: the first copy wins.
    const found = new Map<string, MarkedObject>();
    for (const item of pages.flat()) {
      if (options.accept && !options.accept(item)) continue;
      const original = adoptableOriginal(item, kind, login);
      if (original === null || typeof item.id !== "number" || found.has(original)) continue;
      found.set(original, {
        id: item.id,
        ...(typeof item.number === "number" ? { number: item.number } : {}),
        body: item.body as string,
        item,
      });
    }
    return found;
  }
}
