// The fake GitHub the benchmark runs against: one instance per dataset, with
// realistic latency and GitHub's secondary limits on. Every run starts from
// the same state: counters cleared, the per-minute windows emptied and the
// jitter sequence restarted, so A and B see the same server.
import {
  type FakeGitHub,
  type FakeStats,
  type FakeStatsEntry,
  type SecondaryKnob,
  startFakeGitHub,
} from "../fake-github/index.js";
import type { BenchDataset } from "./args.js";

export interface BenchServerOptions {
  dataset: BenchDataset;
  seed: number;
  latencyMs: number;
  jitterMs: number;
  /** Secondary limits (default GitHub's). */
  secondary?: SecondaryKnob;
}

/** GitHub's published secondary limits (the fake's defaults): 100 in flight, 900 points/min per REST route, 2,000 GraphQL points/min. */
export const GITHUB_SECONDARY: SecondaryKnob = {};

export interface RouteTiming {
  count: number;
  meanMs: number;
  maxMs: number;
}

/** The API part of a run as the server saw it. */
export interface ServerActivity {
  /** Per API route: requests, mean and longest server time (latency included). */
  timings: Record<string, RouteTiming>;
  /** Epoch ms of the first API request's arrival and of the last API answer. */
  firstArrival: number | null;
  lastFinish: number | null;
  /** Sum of API request durations; divided by the window it is the mean number in flight. */
  busyMs: number;
  /** Mean server time of an API request: the latency actually experienced. */
  meanMs: number;
}

/**
 * Transfers that GitHub's API limits do not count, by route template: asset
 * and attachment storage, LFS object storage and verification, and the web
 * host's attachment paths (the wiki, git and the LFS batch API are `.git/`).
 */
const NOT_API = / \/(_storage|_lfs)\/| \/user-attachments\/| \/\{owner\}\/\{repo\}\/(files|assets|raw)\//;

/** Git smart-HTTP, storage and web-host requests are not API requests (GitHub's limits do not count them). */
export function isApiRoute(route: string): boolean {
  return !/\.git\//.test(route) && !NOT_API.test(route);
}

export function summarizeLog(log: readonly FakeStatsEntry[]): ServerActivity {
  const timings: Record<string, RouteTiming> = {};
  let firstArrival: number | null = null;
  let lastFinish: number | null = null;
  let busyMs = 0;
  let count = 0;
  for (const entry of log) {
    const route = `${entry.method} ${entry.template}`;
    if (!isApiRoute(route)) continue;
    const t = timings[route] ?? { count: 0, meanMs: 0, maxMs: 0 };
    timings[route] = t;
    t.count += 1;
    t.meanMs += entry.durationMs;
    t.maxMs = Math.max(t.maxMs, entry.durationMs);
    firstArrival = Math.min(firstArrival ?? entry.startedAt, entry.startedAt);
    lastFinish = Math.max(lastFinish ?? 0, entry.startedAt + entry.durationMs);
    busyMs += entry.durationMs;
    count += 1;
  }
  for (const t of Object.values(timings)) {
    t.meanMs = Math.round(t.meanMs / t.count);
    t.maxMs = Math.round(t.maxMs);
  }
  return { timings, firstArrival, lastFinish, busyMs, meanMs: count === 0 ? 0 : busyMs / count };
}

export interface BenchServer {
  fake: FakeGitHub;
  owner: string;
  repo: string;
  /** Clears counters and limit windows before a run. */
  reset(): void;
  /** A detached copy of the counters after a run (without the per-request log). */
  snapshot(): FakeStats;
  /** What the server saw of the last run, from its request log. */
  activity(): ServerActivity;
  close(): Promise<void>;
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const fake = await startFakeGitHub({
    dataset: options.dataset,
    seed: options.seed,
    git: true,
    latencyMs: options.latencyMs,
    jitterMs: options.jitterMs,
    secondary: options.secondary ?? GITHUB_SECONDARY,
    // The primary (hourly) limit stays off: repeated runs would exhaust a
    // 5,000-request hour that a single real save starts with in full.
    rateLimit: null,
  });
  const generated = fake.dataset;
  if (!generated) {
    await fake.close();
    throw new Error("the fake server generated no dataset");
  }
  return {
    fake,
    owner: generated.owner.login,
    repo: generated.repo.name,
    reset() {
      fake.resetStats();
      fake.configure({
        latencyMs: options.latencyMs,
        jitterMs: options.jitterMs,
        seed: options.seed,
        secondary: options.secondary ?? GITHUB_SECONDARY,
      });
    },
    snapshot() {
      const stats = fake.stats;
      // The per-request log can be long; the benchmark keeps only counters.
      return structuredClone({ ...stats, log: [] });
    },
    activity: () => summarizeLog(fake.stats.log),
    close: () => fake.close(),
  };
}
