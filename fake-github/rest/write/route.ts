// Declares a write route: GitHub's secondary-limit cost for writes (5 points)
// and one place that turns a MutationError into GitHub's error body.
import type { FakeRequest, FakeResponse, HttpMethod, RouteDef, ServerContext } from "../../http/types.js";
import { MutationError } from "../../store/mutations/errors.js";

export type WriteHandler = (req: FakeRequest, ctx: ServerContext) => FakeResponse | Promise<FakeResponse>;

export interface WriteRouteOptions {
  contentCreating?: boolean;
  /** Defaults to 5 for POST/PATCH/PUT/DELETE and 1 for GET (import status). */
  points?: number;
}

const docsBase = "https://docs.github.com/rest";

/** GitHub's error body for a rejected request. */
export function mutationErrorResponse(error: MutationError, documentationUrl: string): FakeResponse {
  const body: Record<string, unknown> = { message: error.message };
  if (error.errors.length > 0) body.errors = error.errors;
  body.documentation_url = documentationUrl;
  body.status = String(error.status);
  return { status: error.status, body };
}

export function writeRoute(
  method: HttpMethod,
  template: string,
  /** Path under https://docs.github.com/rest, e.g. "issues/labels#create-a-label". */
  docs: string,
  handler: WriteHandler,
  opts: WriteRouteOptions = {},
): RouteDef {
  const documentationUrl = `${docsBase}/${docs}`;
  const route: RouteDef = {
    method,
    template,
    points: opts.points ?? (method === "GET" ? 1 : 5),
    resource: "core",
    handler: async (req, ctx) => {
      try {
        return await handler(req, ctx);
      } catch (error) {
        if (error instanceof MutationError) return mutationErrorResponse(error, documentationUrl);
        throw error;
      }
    },
  };
  if (opts.contentCreating) route.contentCreating = true;
  return route;
}

export function created(body: unknown): FakeResponse {
  return { status: 201, body };
}

export function okJson(body: unknown): FakeResponse {
  return { status: 200, body };
}

export function noContent(): FakeResponse {
  return { status: 204 };
}
