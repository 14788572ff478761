// Turns the runs of one dataset into the figures the benchmark reports:
// A/B speed-up over the pairs, R / R_min, T / T_min, peak memory, and when
// the small jobs finished. Pure: records in, figures out.
import {
  type Budgets,
  budgetFloorMs,
  type Chain,
  GITHUB_BUDGETS,
  GITHUB_CONCURRENCY,
  longestChain,
  nestedRequestFloor,
  type RepoFacts,
  type RequestFloor,
  requestFloor,
  type TimeFloor,
  timeFloor,
} from "./floor.js";
import type { RunRecord, Side } from "./measure-run.js";
import { type Spread, spread } from "./summary-stats.js";

export interface RunFigures {
  side: Side;
  wallMs: number;
  ok: boolean;
  /** API requests (REST + GraphQL). */
  requests: number;
  rOverRmin: number;
  /** T_min for this run's own R (docs/performance.md) and for R_min. */
  tMin: TimeFloor;
  tMinAtRmin: TimeFloor;
  tOverTmin: number;
  tOverTminAtRmin: number;
  maxRssBytes: number | null;
  /** ms from the spawn to the first API request reaching the server (start-up + preflight). */
  firstRequestMs: number | null;
  /** ms from the first API request's arrival to the last API answer. */
  apiWindowMs: number | null;
  /** Mean API requests in flight over that window (server busy time / window). */
  meanInFlight: number | null;
  /** Mean server time per API request: the latency the run actually saw (L is the configured one). */
  measuredLatencyMs: number;
  /** T_min with the measured latency instead of L: what is left is the client's own overhead. */
  tMinMeasuredL: TimeFloor;
  tOverTminMeasuredL: number;
}

export interface EarlyJob {
  job: string;
  /** ms after the spawn. */
  finishedAtMs: number | null;
  /** Whether issues were still being collected at that moment. */
  beforeIssuesDone: boolean | null;
}

export interface SideSummary {
  runs: RunFigures[];
  wall: Spread;
  requests: Spread;
  rOverRmin: Spread;
  tOverTmin: Spread;
  tOverTminAtRmin: Spread;
  tOverTminMeasuredL: Spread;
  maxRssBytes: number | null;
  /** CPU seconds of the process tree (git included), in ms; null when unknown. */
  cpuMs: Spread | null;
  /** Secondary-limit answers (403/429) over all runs. */
  limited: number;
  failures: Array<{ job: string; error: string }>;
}

export interface DatasetFigures {
  dataset: string;
  /** The dataset, plus "(sustained)" for the run with the scaled per-minute budgets. */
  label: string;
  facts: RepoFacts;
  rMin: RequestFloor;
  rMinNested: RequestFloor;
  chain: Chain;
  /** C: GitHub's limit on requests in flight. */
  concurrency: number;
  latencyMs: number;
  budgets: Budgets;
  a: SideSummary;
  b: SideSummary | null;
  /** T_B / T_A per pair (how many times faster A is). */
  speedup: Spread | null;
  pairs: Array<{ aMs: number; bMs: number; speedup: number }>;
  /** Labels, milestones and releases in A's median run. */
  early: EarlyJob[];
}

export const EARLY_JOBS = ["labels", "milestones", "releases"] as const;

function figures(
  run: RunRecord,
  rMin: RequestFloor,
  chain: Chain,
  concurrency: number,
  latencyMs: number,
  budgets: Budgets,
): RunFigures {
  const requests = run.requests.api;
  const common = { k: chain.k, concurrency, latencyMs };
  const budgetFloor = budgetFloorMs(run.requests.byRoute, budgets);
  const tMin = timeFloor({ ...common, requests, budgetFloorMs: budgetFloor });
  // The floor's own routes are all under a budget's worth, except when a list is huge.
  const tMinAtRmin = timeFloor({ ...common, requests: rMin.total, budgetFloorMs: 0 });
  const srv = run.server;
  const window =
    srv.firstArrival === null || srv.lastFinish === null ? null : srv.lastFinish - srv.firstArrival;
  const tMinMeasuredL = timeFloor({
    ...common,
    latencyMs: srv.meanMs || latencyMs,
    requests,
    budgetFloorMs: budgetFloor,
  });
  return {
    side: run.side,
    wallMs: run.wallMs,
    ok: run.ok,
    requests,
    rOverRmin: requests / rMin.total,
    tMin,
    tMinAtRmin,
    tOverTmin: run.wallMs / tMin.ms,
    tOverTminAtRmin: run.wallMs / tMinAtRmin.ms,
    maxRssBytes: run.maxRssBytes,
    firstRequestMs: srv.firstArrival === null ? null : srv.firstArrival - run.origin,
    apiWindowMs: window,
    meanInFlight: window === null || window <= 0 ? null : srv.busyMs / window,
    measuredLatencyMs: srv.meanMs,
    tMinMeasuredL,
    tOverTminMeasuredL: run.wallMs / tMinMeasuredL.ms,
  };
}

function summarize(runs: RunFigures[], records: RunRecord[]): SideSummary {
  const rss = runs.map((r) => r.maxRssBytes).filter((v): v is number => v !== null);
  const cpu = records.map((r) => r.cpuMs).filter((v): v is number => v !== null);
  const failures = new Map<string, string>();
  for (const record of records) for (const f of record.failures) failures.set(f.job, f.error);
  return {
    runs,
    wall: spread(runs.map((r) => r.wallMs)),
    requests: spread(runs.map((r) => r.requests)),
    rOverRmin: spread(runs.map((r) => r.rOverRmin)),
    tOverTmin: spread(runs.map((r) => r.tOverTmin)),
    tOverTminAtRmin: spread(runs.map((r) => r.tOverTminAtRmin)),
    tOverTminMeasuredL: spread(runs.map((r) => r.tOverTminMeasuredL)),
    maxRssBytes: rss.length === 0 ? null : Math.max(...rss),
    cpuMs: cpu.length === 0 ? null : spread(cpu),
    limited: records.reduce((sum, r) => sum + r.requests.limited, 0),
    failures: [...failures].map(([job, error]) => ({ job, error })),
  };
}

/** The run whose wall time is the median one (the lower middle for an even count). */
export function medianRun<T extends { wallMs: number }>(runs: readonly T[]): T | undefined {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function earlyJobs(run: RunRecord | undefined): EarlyJob[] {
  const issues = run?.spans.find((s) => s.job === "issues");
  return EARLY_JOBS.map((job) => {
    const span = run?.spans.find((s) => s.job === job);
    const end = span?.end ?? null;
    return {
      job,
      finishedAtMs: run && end !== null ? end - run.origin : null,
      beforeIssuesDone: end === null || !issues ? null : issues.end === null || end < issues.end,
    };
  });
}

export function analyzeDataset(input: {
  dataset: string;
  label?: string;
  facts: RepoFacts;
  a: RunRecord[];
  b: RunRecord[];
  latencyMs: number;
  /** The per-minute budgets the server enforced (default GitHub's). */
  budgets?: Budgets;
}): DatasetFigures {
  const rMin = requestFloor(input.facts);
  const chain = longestChain(input.facts);
  const budgets = input.budgets ?? GITHUB_BUDGETS;
  const fig = (run: RunRecord) => figures(run, rMin, chain, GITHUB_CONCURRENCY, input.latencyMs, budgets);
  const aRuns = input.a.map(fig);
  const bRuns = input.b.map(fig);
  const pairs = input.a.slice(0, input.b.length).map((a, i) => {
    const b = input.b[i] as RunRecord;
    return { aMs: a.wallMs, bMs: b.wallMs, speedup: b.wallMs / a.wallMs };
  });
  return {
    dataset: input.dataset,
    label: input.label ?? input.dataset,
    facts: input.facts,
    rMin,
    rMinNested: nestedRequestFloor(input.facts),
    chain,
    concurrency: GITHUB_CONCURRENCY,
    latencyMs: input.latencyMs,
    budgets,
    a: summarize(aRuns, input.a),
    b: bRuns.length === 0 ? null : summarize(bRuns, input.b),
    speedup: pairs.length === 0 ? null : spread(pairs.map((p) => p.speedup)),
    pairs,
    early: earlyJobs(medianRun(input.a)),
  };
}

export interface TargetCheck {
  target: string;
  value: string;
  met: boolean | null;
  /** How far off, when missed. */
  gap: string | null;
}

const MB = 1024 * 1024;
/** The datasets the issue sets targets for. */
const TARGET_DATASETS: ReadonlySet<string> = new Set(["medium", "skewed", "large"]);
/** "Within the first few seconds": finished this soon after the spawn. */
export const EARLY_LIMIT_MS = 5000;

function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "n/a";
}

/** A ratio target: met when `value ≤ limit`. */
function atMost(target: string, value: number, limit: number, text = fmt(value)): TargetCheck {
  const met = value <= limit;
  return { target, value: text, met, gap: met ? null : `${fmt(value / limit)}× over` };
}

/** The issue's targets, read against the figures (never relaxed here). */
export function checkTargets(results: readonly DatasetFigures[]): TargetCheck[] {
  const plain = results.filter((r) => r.label === r.dataset);
  // The headline figures of a dataset: its run at the highest latency measured.
  const headline = (name: string) =>
    plain.filter((r) => r.dataset === name).sort((a, b) => b.latencyMs - a.latencyMs)[0];
  const checks: TargetCheck[] = [];
  for (const r of plain) {
    if (!r.speedup || (r.dataset !== "medium" && r.dataset !== "skewed")) continue;
    const s = r.speedup.median;
    checks.push({
      target: `${r.dataset} at ${r.latencyMs} ms: A ≥ 3× faster than B (median T_B/T_A)`,
      value: `${fmt(s)}× (min ${fmt(r.speedup.min)}, max ${fmt(r.speedup.max)})`,
      met: s >= 3,
      gap: s >= 3 ? null : `${fmt(3 / s)}× short`,
    });
  }
  for (const r of plain.filter((d) => d.dataset === "medium")) {
    const limit = r.latencyMs >= 300 ? 3 : r.latencyMs >= 80 ? 6 : null;
    if (limit !== null)
      checks.push(
        atMost(`medium at ${r.latencyMs} ms: T / T_min ≤ ${limit} (A, median)`, r.a.tOverTmin.median, limit),
      );
  }
  const medium = headline("medium");
  if (medium) {
    checks.push(atMost("medium: R / R_min ≤ 1.1 (A, median)", medium.a.rOverRmin.median, 1.1));
    if (medium.a.cpuMs)
      checks.push(
        atMost(
          "medium: CPU ≤ 0.6 s (A, median, git included)",
          medium.a.cpuMs.median / 1000,
          0.6,
          `${fmt(medium.a.cpuMs.median / 1000)} s`,
        ),
      );
  }
  const large = headline("large");
  if (large) {
    if (large.a.cpuMs)
      checks.push(
        atMost(
          "large: CPU ≤ 6 s (A, median, git included)",
          large.a.cpuMs.median / 1000,
          6,
          `${fmt(large.a.cpuMs.median / 1000)} s`,
        ),
      );
    const rss = large.a.maxRssBytes;
    checks.push({
      target: "large: peak RSS of A < 200 MB",
      value: rss === null ? "unknown" : `${fmt(rss / MB, 0)} MB`,
      met: rss === null ? null : rss < 200 * MB,
      gap: rss === null || rss < 200 * MB ? null : `${fmt(rss / MB - 200, 0)} MB over`,
    });
    const base = medium?.a.maxRssBytes ?? null;
    if (rss !== null && base !== null)
      checks.push(
        atMost(
          "large: peak RSS ≤ 1.2 × medium's",
          rss / base,
          1.2,
          `${fmt(rss / base)}× (${fmt(rss / MB, 0)} / ${fmt(base / MB, 0)} MB)`,
        ),
      );
  }
  const limited = results.reduce((sum, r) => sum + r.a.limited, 0);
  const sustained = results.find((r) => r.label !== r.dataset);
  checks.push({
    target: "no secondary-limit answer (403/429) in any A run, the sustained run included",
    value: `${limited} in ${results.reduce((n, r) => n + r.a.runs.length, 0)} runs${sustained ? ` (sustained: ${sustained.a.limited})` : ", no sustained run"}`,
    met: limited === 0,
    gap: limited === 0 ? null : `${limited} answers`,
  });
  for (const r of plain) {
    if (!TARGET_DATASETS.has(r.dataset) || r !== headline(r.dataset)) continue;
    const late = r.early.filter(
      (e) => e.finishedAtMs === null || e.finishedAtMs > EARLY_LIMIT_MS || e.beforeIssuesDone === false,
    );
    checks.push({
      target: `${r.dataset}: labels, milestones, releases done within ${EARLY_LIMIT_MS / 1000} s, before issues`,
      value: r.early
        .map((e) => `${e.job} ${e.finishedAtMs === null ? "n/a" : `${fmt(e.finishedAtMs / 1000)} s`}`)
        .join(", "),
      met: late.length === 0,
      gap: late.length === 0 ? null : late.map((e) => e.job).join(", "),
    });
  }
  return checks;
}
