// Shared set-up for the GraphQL tests: a generated dataset and a direct
// executor with an in-memory point budget (no HTTP server needed).
import {
  type DatasetName,
  type GeneratedDataset,
  generateDataset,
} from "../../../fake-github/data/generate.js";
import { type ExecuteOptions, executeGraphQL } from "../../../fake-github/graphql/execute.js";
import type { FakeResponse } from "../../../fake-github/http/types.js";
import { createStore } from "../../../fake-github/store/create-store.js";
import type { FakeStore } from "../../../fake-github/store/types.js";

export interface Env {
  store: FakeStore;
  ds: GeneratedDataset;
  /** Points charged so far, one entry per charge() call. */
  charges: number[];
  /** Remaining budget; charges that do not fit are refused. */
  budget: { limit: number; used: number };
  timeoutAbove?: number;
}

export function makeEnv(dataset: DatasetName, seed = 1, limit = 5000): Env {
  const store = createStore();
  const ds = generateDataset(store, { dataset, seed });
  return { store, ds, charges: [], budget: { limit, used: 0 } };
}

export interface GqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ type?: string; path?: Array<string | number>; message: string; extensions?: unknown }>;
}

export interface Result extends FakeResponse {
  body: GqlBody;
}

export async function run(
  env: Env,
  query: string,
  variables?: Record<string, unknown>,
  as?: Pick<ExecuteOptions, "viewer" | "token">,
): Promise<Result> {
  const options: ExecuteOptions = {
    store: env.store,
    baseUrl: "http://127.0.0.1:1",
    viewer: as?.viewer ?? env.ds.tokenUser,
    token: as ? as.token : (env.store.tokens.get(env.ds.token) ?? null),
    charge: (cost) => {
      env.charges.push(cost);
      const ok = env.budget.used + cost <= env.budget.limit;
      if (ok) env.budget.used += cost;
      const remaining = env.budget.limit - env.budget.used;
      return {
        ok,
        headers: {
          "x-ratelimit-limit": String(env.budget.limit),
          "x-ratelimit-remaining": String(remaining),
          "x-ratelimit-used": String(env.budget.used),
          "x-ratelimit-reset": "1767229200",
          "x-ratelimit-resource": "graphql",
        },
      };
    },
    ...(env.timeoutAbove === undefined ? {} : { maxNodesBeforeTimeout: env.timeoutAbove }),
  };
  return (await executeGraphQL({ query, variables }, options)) as Result;
}

/** Walks a dotted path through response data ("repository.issues.nodes"). */
export function at(data: unknown, path: string): unknown {
  let value = data;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export const repoArgs = `owner: "octo-org", name: "sample"`;
