// Crash recovery beyond the journal: objects a previous run created but could
// not journal (the crash fell between GitHub's answer and the fsync) carry
// our hidden marker. Listing the target's objects of a kind once and reading
// the markers finds them; they are then journalled as "adopted".
import { markerOf } from "./bodies.js";
import type { ObjectKind, RestoreContext } from "./types.js";

export type JsonObject = Record<string, unknown>;

/** Every item of a paginated REST list of the target (100 per page). */
export async function* listAll(
  ctx: Pick<RestoreContext, "client" | "target" | "signal">,
  route: string,
  params: Record<string, unknown> = {},
): AsyncGenerator<JsonObject> {
  const paginate = ctx.client.octokit.paginate.iterator as unknown as (
    route: string,
    params: Record<string, unknown>,
  ) => AsyncIterable<{ data: unknown }>;
  const pages = paginate(route, {
    owner: ctx.target.owner,
    repo: ctx.target.repo,
    per_page: 100,
    ...params,
    request: { signal: ctx.signal },
  });
  for await (const page of pages) {
    const data = Array.isArray(page.data) ? page.data : [];
    for (const item of data) if (typeof item === "object" && item !== null) yield item as JsonObject;
  }
}

export interface MarkedObject {
  /** The object's id in the target. */
  id: number;
  /** Its number (issues, pull requests). */
  number?: number;
  body: string | null;
  item: JsonObject;
}

/** Target objects whose body carries a marker of `kind`, by original id. The first one wins. */
export async function findMarked(
  kind: ObjectKind,
  items: AsyncIterable<JsonObject>,
): Promise<Map<string, MarkedObject>> {
  const found = new Map<string, MarkedObject>();
  for await (const item of items) {
    const body = typeof item.body === "string" ? item.body : null;
    const original = markerOf(body, kind);
    if (original === null || found.has(original)) continue;
    const id = typeof item.id === "number" ? item.id : Number(item.id);
    const marked: MarkedObject = { id, body, item };
    if (typeof item.number === "number") marked.number = item.number;
    found.set(original, marked);
  }
  return found;
}
