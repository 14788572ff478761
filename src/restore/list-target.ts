// Every item of a paginated REST list of the target, one page after another
// (for small lists restorers read in full: labels, milestones, sub-issues).
import type { RestoreContext } from "./types.js";

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
