// The fake GitHub the benchmark runs against: one instance per dataset, with
// realistic latency and GitHub's secondary limits on. Every run starts from
// the same state: counters cleared, the per-minute windows emptied and the
// jitter sequence restarted, so A and B see the same server.
import {
  type FakeGitHub,
  type FakeStats,
  type SecondaryKnob,
  startFakeGitHub,
} from "../fake-github/index.js";
import type { BenchDataset } from "./args.js";

export interface BenchServerOptions {
  dataset: BenchDataset;
  seed: number;
  latencyMs: number;
  jitterMs: number;
}

/** GitHub's published secondary limits (the fake's defaults): 100 in flight, 900 points/min per REST route, 2,000 GraphQL points/min. */
export const GITHUB_SECONDARY: SecondaryKnob = {};

export interface RouteTiming {
  count: number;
  meanMs: number;
  maxMs: number;
}

export interface BenchServer {
  fake: FakeGitHub;
  owner: string;
  repo: string;
  /** Clears counters and limit windows before a run. */
  reset(): void;
  /** A detached copy of the counters after a run (without the per-request log). */
  snapshot(): FakeStats;
  /** Per route: requests, mean and longest server time (latency included), from the request log. */
  timings(): Record<string, RouteTiming>;
  close(): Promise<void>;
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const fake = await startFakeGitHub({
    dataset: options.dataset,
    seed: options.seed,
    git: true,
    latencyMs: options.latencyMs,
    jitterMs: options.jitterMs,
    secondary: GITHUB_SECONDARY,
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
        secondary: GITHUB_SECONDARY,
      });
    },
    snapshot() {
      const stats = fake.stats;
      // The per-request log can be long; the benchmark keeps only counters.
      return structuredClone({ ...stats, log: [] });
    },
    timings() {
      const sums: Record<string, RouteTiming> = {};
      for (const entry of fake.stats.log) {
        const route = `${entry.method} ${entry.template}`;
        const t = sums[route] ?? { count: 0, meanMs: 0, maxMs: 0 };
        sums[route] = t;
        t.count += 1;
        t.meanMs += entry.durationMs;
        t.maxMs = Math.max(t.maxMs, entry.durationMs);
      }
      for (const t of Object.values(sums)) {
        t.meanMs = Math.round(t.meanMs / t.count);
        t.maxMs = Math.round(t.maxMs);
      }
      return sums;
    },
    close: () => fake.close(),
  };
}
