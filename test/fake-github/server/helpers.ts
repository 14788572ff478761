// Shared test helpers for the fake server tests: a quiet Octokit pointed at
// the server, a controllable clock for rate-limit windows, error capture.
import { Octokit } from "@octokit/rest";
import type { FakeGitHub } from "../../../fake-github/index.js";

const silent = { debug() {}, info() {}, warn() {}, error() {} };

export function octokitFor(fake: FakeGitHub, token: string | null = fake.token): Octokit {
  return new Octokit({ ...(token ? { auth: token } : {}), baseUrl: fake.url, log: silent });
}

/** A clock the test moves by hand (rate-limit windows read it). */
export class ManualClock {
  value = Date.UTC(2026, 0, 1);
  readonly now = (): number => this.value;
  advance(ms: number): void {
    this.value += ms;
  }
}

export interface CapturedError {
  status: number;
  message: string;
  headers: Record<string, string | number | undefined>;
  data: unknown;
}

/** Awaits a request expected to fail and returns what GitHub would show. */
export async function failure(promise: Promise<unknown>): Promise<CapturedError> {
  try {
    await promise;
  } catch (error) {
    const e = error as {
      status?: number;
      message?: string;
      response?: { headers?: CapturedError["headers"]; data?: unknown };
    };
    return {
      status: e.status ?? 0,
      message: e.message ?? "",
      headers: e.response?.headers ?? {},
      data: e.response?.data,
    };
  }
  throw new Error("expected the request to fail");
}

/** Waits (by polling, bounded) until `condition` holds. */
export async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

export function authHeader(token: string): Record<string, string> {
  return { authorization: `token ${token}` };
}
