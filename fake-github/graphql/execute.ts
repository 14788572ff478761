// One GraphQL request from body to response, as GitHub processes it: parse and
// validate (cached, see document-cache.ts; errors answer 200 without `data`),
// static analysis (node limit, point cost), charge the primary limit
// (RATE_LIMITED when spent), an optional simulated timeout for big queries,
// then execution with partial data.
// Independent of HTTP so tests can run it directly.
import { execute, getOperationAST, getVariableValues, type OperationDefinitionNode } from "graphql";
import type { FakeResponse } from "../http/types.js";
import type { FakeStore, FakeToken, FakeUser } from "../store/types.js";
import { createMemo, type GqlContext, type RateInfo } from "./context.js";
import { analyzeQuery, maxNodeCount } from "./cost.js";
import { DocumentCache } from "./document-cache.js";
import { formatExecutionError, type GitHubErrorJson } from "./errors.js";
import { fieldResolver, typeResolver } from "./resolvers/index.js";
import { fakeSchema } from "./schema.js";

export interface ExecuteOptions {
  store: FakeStore;
  /** Absolute server URL for web links. */
  baseUrl: string;
  /** The authenticated user. */
  viewer: FakeUser;
  /** The token's rights (private repositories it may read); null = public only. */
  token: FakeToken | null;
  /** Debits primary-limit points; returns whether they fitted and the x-ratelimit-* headers. */
  charge(cost: number): { ok: boolean; headers: Record<string, string> };
  /** Queries with more nodes than this answer 502 as a timed-out query (after being charged). */
  maxNodesBeforeTimeout?: number;
  /** The node cap (default GitHub's 500,000). */
  maxNodes?: number;
}

export const timeoutMessage =
  "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.";

const defaultLimit = 5000;

let documents: DocumentCache | null = null;

function respond(status: number, body: unknown, rateHeaders: Record<string, string>): FakeResponse {
  return {
    status,
    headers: {
      ...rateHeaders,
      "content-type": "application/json; charset=utf-8",
      "x-ratelimit-resource": "graphql",
    },
    body,
  };
}

function errorsOnly(errors: GitHubErrorJson[], options: ExecuteOptions): FakeResponse {
  return respond(200, { errors }, options.charge(0).headers);
}

function parseVariables(raw: unknown): Record<string, unknown> | null {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === "string") {
    if (raw.trim() === "") return {};
    try {
      return parseVariables(JSON.parse(raw));
    } catch {
      return null;
    }
  }
  return typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
}

function headerInt(headers: Record<string, string>, name: string): number | null {
  const value = Number(headers[name]);
  return headers[name] !== undefined && Number.isFinite(value) ? value : null;
}

/** What `rateLimit` reports, read back from the headers the charge returned. */
function rateInfo(cost: number, nodeCount: number, headers: Record<string, string>): RateInfo {
  const limit = headerInt(headers, "x-ratelimit-limit") ?? defaultLimit;
  const used = headerInt(headers, "x-ratelimit-used") ?? cost;
  const remaining = headerInt(headers, "x-ratelimit-remaining") ?? Math.max(0, limit - used);
  const reset = headerInt(headers, "x-ratelimit-reset") ?? Math.ceil(Date.now() / 1000) + 3600;
  const resetAt = `${new Date(reset * 1000).toISOString().slice(0, 19)}Z`;
  return { cost, nodeCount, limit, remaining, used, resetAt };
}

function operationError(operationName: string | null): GitHubErrorJson {
  return {
    message: operationName ? `No operation named "${operationName}"` : "An operation name is required",
  };
}

/** Answers one POST /graphql body. */
export async function executeGraphQL(body: unknown, options: ExecuteOptions): Promise<FakeResponse> {
  const request = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const source = request.query;
  if (typeof source !== "string") {
    return errorsOnly([{ message: "A query attribute must be specified and must be a string." }], options);
  }
  const rawVariables = parseVariables(request.variables);
  if (rawVariables === null) return errorsOnly([{ message: "Variables are invalid JSON." }], options);
  const operationName = typeof request.operationName === "string" ? request.operationName : null;

  const schema = fakeSchema();
  documents ??= new DocumentCache(schema);
  const prepared = documents.prepare(source);
  if (!prepared.ok) return errorsOnly(prepared.errors, options);
  const { document } = prepared;

  const operation: OperationDefinitionNode | null | undefined = getOperationAST(document, operationName);
  if (!operation) return errorsOnly([operationError(operationName)], options);
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) {
    return errorsOnly(
      coerced.errors.map((error) => ({
        ...(error.locations ? { locations: error.locations } : {}),
        message: error.message,
      })),
      options,
    );
  }

  const analysis = analyzeQuery(schema, document, operation, coerced.coerced);
  const maxNodes = options.maxNodes ?? maxNodeCount;
  if (analysis.nodeCount > maxNodes) {
    return errorsOnly(
      [
        {
          type: "MAX_NODE_LIMIT_EXCEEDED",
          message: `This query requests up to ${analysis.nodeCount.toLocaleString("en-US")} possible nodes which exceeds the maximum limit of ${maxNodes.toLocaleString("en-US")}.`,
        },
      ],
      options,
    );
  }

  // rateLimit(dryRun: true) reports the cost without running (or paying for) the query.
  const charged = options.charge(analysis.dryRun ? 0 : analysis.cost);
  if (!charged.ok) {
    return respond(
      200,
      {
        errors: [
          { type: "RATE_LIMITED", message: `API rate limit exceeded for user ID ${options.viewer.id}.` },
        ],
      },
      charged.headers,
    );
  }
  if (options.maxNodesBeforeTimeout !== undefined && analysis.nodeCount > options.maxNodesBeforeTimeout) {
    return respond(502, { message: timeoutMessage }, charged.headers);
  }

  const context: GqlContext = {
    store: options.store,
    baseUrl: options.baseUrl,
    viewer: options.viewer,
    token: options.token,
    rate: rateInfo(analysis.cost, analysis.nodeCount, charged.headers),
    dryRun: analysis.dryRun,
    memo: createMemo(),
  };
  const result = await execute({
    schema,
    document,
    contextValue: context,
    variableValues: rawVariables,
    operationName: operation.name?.value ?? operationName,
    fieldResolver,
    typeResolver,
  });
  const out: { data: unknown; errors?: GitHubErrorJson[] } = { data: result.data ?? null };
  if (result.errors && result.errors.length > 0) out.errors = result.errors.map(formatExecutionError);
  return respond(200, out, charged.headers);
}
