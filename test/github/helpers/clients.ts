// Builds a client against a test server with fast, deterministic defaults.
import { seededRandom } from "../../../src/github/backoff.js";
import {
  createGitHubClient,
  type GitHubClient,
  type GitHubClientOptions,
} from "../../../src/github/client.js";

export const TEST_TOKEN = "ghp_testTOKEN1234567890abcdef";

export function testClient(
  apiUrl: string,
  options: Partial<GitHubClientOptions> = {},
  schedulerOptions: GitHubClientOptions["schedulerOptions"] = {},
): GitHubClient {
  return createGitHubClient({
    token: TEST_TOKEN,
    apiUrl,
    concurrency: 4,
    ...options,
    schedulerOptions: {
      random: seededRandom(7),
      backoff: { baseMs: 1, capMs: 4 },
      minWriteIntervalMs: 0,
      ...schedulerOptions,
    },
  });
}

/** x-ratelimit-* headers as GitHub sends them. */
export function rateLimitHeaders(
  remaining: number,
  resetEpochMs: number,
  resource = "core",
  limit = 5000,
): Record<string, string> {
  return {
    "x-ratelimit-limit": String(limit),
    "x-ratelimit-remaining": String(remaining),
    "x-ratelimit-used": String(limit - remaining),
    "x-ratelimit-reset": String(Math.ceil(resetEpochMs / 1000)),
    "x-ratelimit-resource": resource,
  };
}
