// The settings of the commands that talk to GitHub (save and restore): the
// repository, token, API URLs, concurrency and which entities to cover.

import type { EntityName } from "../entities/names.js";
import { ConfigError, UsageError } from "../errors.js";
import { resolveEntities } from "../selection/entities.js";
import type { NumberSelection } from "../selection/number-spec.js";
import { type Env, envValue, flagList, flagString, missing, type ParsedArgv, pick } from "./args.js";
import type { OptionSpec } from "./flags.js";
import { tokenFromGh } from "./gh-token.js";
import type { OutputSettings } from "./output.js";
import { type ParsedRepo, parseRepoRef } from "./repo-ref.js";
import { DEFAULT_API_URL, deriveGraphqlUrl, parseApiUrl } from "./urls.js";

/** GitHub's limit on requests in flight per user: the scheduler's per-minute budgets pace below it. */
const MAX_CONCURRENCY = 100;
/**
 * GitHub's limit: the scheduler bursts while the per-minute budgets allow and
 * then paces, so a short save finishes in a few round trips; the flag only
 * lowers it. Memory does not follow it (answer budget, heap growth: docs/performance.md).
 */
export const DEFAULT_CONCURRENCY = MAX_CONCURRENCY;

/** Settings of the commands that talk to GitHub. */
export interface RemoteSettings {
  repo: ParsedRepo;
  /**
   * The token, from GITHUB_TOKEN or GH_TOKEN. Non-enumerable on resolved
   * objects, so logging or serialising a config never shows it.
   */
  token: string;
  tokenSource: "GITHUB_TOKEN" | "GH_TOKEN" | "gh";
  /** REST base URL without a trailing slash. */
  apiUrl: string;
  graphqlUrl: string;
  /** Requests in flight at most. */
  concurrency: number;
  entities: Set<EntityName>;
  issues: NumberSelection;
  pullRequests: NumberSelection;
}

export const REMOTE_FLAGS: readonly OptionSpec[] = [
  {
    key: "include",
    flags: "--include <list>",
    repeatable: true,
    description: "Only these entities, comma-separated (see ENTITIES)",
  },
  {
    key: "exclude",
    flags: "--exclude <list>",
    repeatable: true,
    description: "Leave out these entities, comma-separated",
  },
  {
    key: "issues",
    flags: "--issues <spec>",
    env: "INCLUDE_ISSUES",
    description: 'Only these issue numbers, e.g. "1-5 10,12" (default: all)',
  },
  {
    key: "pullRequests",
    flags: "--pull-requests <spec>",
    env: "INCLUDE_PULL_REQUESTS",
    description: 'Only these pull request numbers, e.g. "1-5 10" (default: all)',
  },
  {
    key: "apiUrl",
    flags: "--api-url <url>",
    env: "GITHUB_API_URL",
    description: "REST API base URL, https://HOST/api/v3 for GHES (default: https://api.github.com)",
  },
  {
    key: "graphqlUrl",
    flags: "--graphql-url <url>",
    env: "GITHUB_GRAPHQL_URL",
    description: "GraphQL endpoint (default: derived from --api-url)",
  },
  {
    key: "concurrency",
    flags: "--concurrency <n>",
    env: "CONCURRENCY",
    description: `Requests in flight at most, 1-${MAX_CONCURRENCY} (default: ${DEFAULT_CONCURRENCY}, GitHub's limit; the per-minute budgets pace below it)`,
  },
];

interface RemoteResolution {
  settings: Omit<RemoteSettings, "token">;
  token: string;
  warnings: string[];
}

export function resolveRemote(
  parsed: ParsedArgv,
  env: Env,
  command: "save" | "restore",
  repoArg: string | undefined,
  usage: string,
): RemoteResolution {
  const repoSource = repoArg !== undefined ? "OWNER/REPO" : "GITHUB_REPO";
  const repoText = repoArg ?? envValue(env, "GITHUB_REPO");
  if (repoText === undefined) throw missing("OWNER/REPO", command, usage, "GITHUB_REPO");
  const repo = parseRepoRef(repoText, repoSource);

  const api = pick(parsed, env, "apiUrl", "GITHUB_API_URL");
  const apiUrl = api ? parseApiUrl(api.value, api.source) : DEFAULT_API_URL;
  // GitHub Actions always sets GITHUB_GRAPHQL_URL; when --api-url points
  // elsewhere, or the variable names another server than a given REST base (a
  // github.com value left next to an Enterprise GITHUB_API_URL), it belongs
  // to the other server, so derive instead.
  const graphqlFlag = flagString(parsed, "graphqlUrl");
  const graphqlEnvText = api?.source === "--api-url" ? undefined : envValue(env, "GITHUB_GRAPHQL_URL");
  const graphqlEnv =
    graphqlEnvText !== undefined && (api === undefined || sameOrigin(graphqlEnvText, apiUrl))
      ? graphqlEnvText
      : undefined;
  const graphqlUrl =
    graphqlFlag !== undefined
      ? parseApiUrl(graphqlFlag, "--graphql-url")
      : graphqlEnv !== undefined
        ? parseApiUrl(graphqlEnv, "GITHUB_GRAPHQL_URL")
        : deriveGraphqlUrl(apiUrl);

  const concurrencyText = pick(parsed, env, "concurrency", "CONCURRENCY");
  const concurrency = concurrencyText
    ? parseConcurrency(concurrencyText.value, concurrencyText.source)
    : DEFAULT_CONCURRENCY;

  const selection = resolveEntities({
    include: flagList(parsed, "include"),
    exclude: flagList(parsed, "exclude"),
    issues: flagString(parsed, "issues"),
    pullRequests: flagString(parsed, "pullRequests"),
    env,
  });

  const { token, tokenSource } = resolveToken(env, command, apiUrl);
  return {
    settings: {
      repo,
      tokenSource,
      apiUrl,
      graphqlUrl,
      concurrency,
      entities: selection.entities,
      issues: selection.issues,
      pullRequests: selection.pullRequests,
    },
    token,
    warnings: selection.warnings,
  };
}

/**
 * Assembles a save/restore command. The token becomes a non-enumerable
 * property, so JSON.stringify, inspect and test snapshots never show it.
 */
export function assemble<T extends RemoteSettings & OutputSettings>(
  remote: RemoteResolution,
  rest: Omit<T, keyof RemoteSettings>,
): T {
  const result = { ...rest, ...remote.settings, warnings: [...rest.warnings, ...remote.warnings] };
  Object.defineProperty(result, "token", { value: remote.token, enumerable: false, writable: false });
  return result as unknown as T;
}

function resolveToken(
  env: Env,
  command: string,
  apiUrl: string,
): Pick<RemoteSettings, "token" | "tokenSource"> {
  for (const name of ["GITHUB_TOKEN", "GH_TOKEN"] as const) {
    const token = envValue(env, name);
    if (token === undefined) continue;
    // Never echo the value: it is a secret even when malformed.
    if (/[\s\p{Cc}]/u.test(token)) throw new ConfigError(`${name} contains spaces or control characters`);
    return { token, tokenSource: name };
  }
  const fromGh = tokenFromGh(apiUrl, env);
  if (fromGh !== undefined) return { token: fromGh, tokenSource: "gh" };
  throw new ConfigError(
    `${command} needs a GitHub token: set GITHUB_TOKEN or GH_TOKEN, or log in with 'gh auth login' (a token is never accepted as a flag)`,
  );
}

function parseConcurrency(value: string, source: string): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
    throw new UsageError(`${source}: "${value}" is not a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  return n;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a.trim()).origin === new URL(b).origin;
  } catch {
    // Unreadable: let parseApiUrl report it.
    return true;
  }
}
