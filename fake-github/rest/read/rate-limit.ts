// GET /rate_limit: the caller's budgets; costs no primary quota, as on GitHub.
import type { FakeRequest, RouteDef } from "../../http/types.js";
import type { BudgetState, PrimaryResource } from "../../limits/primary.js";
import { readRoute } from "./common.js";

export interface RateLimitRouteDeps {
  budgets(req: FakeRequest): Record<PrimaryResource, BudgetState>;
}

function entry(state: BudgetState): Record<string, number> {
  return { limit: state.limit, used: state.used, remaining: state.remaining, reset: state.reset };
}

export function rateLimitRoutes(deps: RateLimitRouteDeps): RouteDef[] {
  return [
    readRoute(
      "/rate_limit",
      (req) => {
        const { core, graphql } = deps.budgets(req);
        const reset = core.reset;
        const fixed = (limit: number) => ({ limit, used: 0, remaining: limit, reset });
        return {
          status: 200,
          body: {
            resources: {
              core: entry(core),
              graphql: entry(graphql),
              search: fixed(30),
              code_search: fixed(10),
              integration_manifest: fixed(5000),
              source_import: fixed(100),
            },
            rate: entry(core),
          },
        };
      },
      "none",
    ),
  ];
}
