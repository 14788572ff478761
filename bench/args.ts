// Command-line flags of `npm run bench` (pure: argv in, settings out).

export const BENCH_DATASETS = ["small", "medium", "skewed", "large"] as const;
export type BenchDataset = (typeof BENCH_DATASETS)[number];

export interface BenchSettings {
  datasets: BenchDataset[];
  /** A/B pairs per dataset and latency (A only on `large`). */
  pairs: number;
  /** A runs on `large` (memory); B is not run there (see docs/performance.md). */
  largeRuns: number;
  /** Server latencies to measure at; the first is the headline (`large` runs at it only). */
  latenciesMs: number[];
  /** ± jitter; null = a fifth of each latency. */
  jitterMs: number | null;
  /** The sustained run: `large` with the per-minute budgets scaled to a shorter window. */
  sustained: boolean;
  /** One unrecorded A run per dataset before the pairs (warms the server's JIT and the disk cache). */
  warmup: boolean;
  seed: number;
  /** Folder for the JSON results. */
  resultsDir: string;
  /** Rewrite the table in docs/performance.md. */
  updateDocs: boolean;
  /** Characters of a Gantt bar. */
  ganttWidth: number;
  /** Seeded kill points per dataset for the kill sweep (0: no sweep). */
  killPoints: number;
  help: boolean;
  /** Run the restore benchmark after the save benchmark (bench/restore-throughput.ts). */
  restore: boolean;
  /** Skip the save benchmark (--restore-only). */
  save: boolean;
  /** The restore benchmark's clock speed-up ("auto": from the unpaced run). */
  restoreScale: number | "auto";
}

export const DEFAULT_SETTINGS: BenchSettings = {
  datasets: ["medium", "large"],
  pairs: 1,
  largeRuns: 2,
  latenciesMs: [300, 80],
  jitterMs: null,
  sustained: true,
  warmup: true,
  seed: 1,
  resultsDir: "bench/results",
  updateDocs: false,
  ganttWidth: 60,
  killPoints: 10,
  help: false,
  restore: true,
  save: true,
  restoreScale: "auto",
};

export const USAGE = `Usage: npm run bench -- [options]

Runs github-data save (A, the CLI with default settings) against the phase-based
baseline (B) on the fake GitHub server, alternating A B A B, and compares both
with the floor GitHub's limits set (docs/performance.md).

Options:
  --dataset LIST     comma-separated: small, medium, skewed, large (default medium,large)
  --pairs N          A/B pairs per dataset and latency (default 1)
  --large-runs N     A runs on large, for peak memory (default 2; B is not run on large)
  --quick            medium only, at 80 ms, no warm-up, no sustained run, no kill sweep
                     (under a minute)
  --latency-ms LIST  server latencies per request, comma-separated (default 300,80;
                     the first is the headline, large runs at it only)
  --jitter-ms MS     ± jitter around each latency (default a fifth of it)
  --no-sustained     skip the sustained run (large, per-minute budgets scaled to 6 s)
  --seed N           dataset and jitter seed (default 1)
  --no-warmup        skip the unrecorded warm-up run per dataset
  --results DIR      where the JSON result goes (default bench/results)
  --update-docs      rewrite the results table in docs/performance.md
  --gantt-width N    characters per Gantt bar (default 60)
  --no-restore       skip the restore benchmark (medium under GitHub's content limits)
  --restore-only     only the restore benchmark
  --restore-scale N  its clock speed-up (default auto: from its unpaced run)
  --kill-points N    the kill sweep: per dataset, saves killed at N seeded points and
                     resumed (default 10; 0 skips it)
  --help             this text`;

function positiveInt(flag: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min)
    throw new Error(`${flag} needs a whole number ≥ ${min}`);
  return n;
}

function nonNegative(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n < 0) throw new Error(`${flag} needs a number ≥ 0`);
  return n;
}

function datasets(value: string | undefined): BenchDataset[] {
  if (!value) throw new Error("--dataset needs a list, e.g. medium,skewed");
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const name of names) {
    if (!(BENCH_DATASETS as readonly string[]).includes(name))
      throw new Error(`--dataset: unknown dataset "${name}" (choose from ${BENCH_DATASETS.join(", ")})`);
  }
  return [...new Set(names)] as BenchDataset[];
}

function latencies(value: string | undefined): number[] {
  const list = (value ?? "")
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (list.length === 0) throw new Error("--latency-ms needs a list, e.g. 300,80");
  return [...new Set(list.map((v) => nonNegative("--latency-ms", v)))];
}

/** Parses the flags after `npm run bench --`; throws an Error naming a bad flag. */
export function parseBenchArgs(argv: readonly string[]): BenchSettings {
  const s: BenchSettings = { ...DEFAULT_SETTINGS, datasets: [...DEFAULT_SETTINGS.datasets] };
  let quick = false;
  let explicitDatasets = false;
  let explicitPairs = false;
  let explicitLatencies = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith("--") && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--dataset":
      case "--datasets":
        s.datasets = datasets(value());
        explicitDatasets = true;
        break;
      case "--pairs":
        s.pairs = positiveInt(flag, value());
        explicitPairs = true;
        break;
      case "--large-runs":
        s.largeRuns = positiveInt(flag, value());
        break;
      case "--quick":
        quick = true;
        break;
      case "--latency-ms":
        s.latenciesMs = latencies(value());
        explicitLatencies = true;
        break;
      case "--no-sustained":
        s.sustained = false;
        break;
      case "--jitter-ms":
        s.jitterMs = nonNegative(flag, value());
        break;
      case "--seed":
        s.seed = positiveInt(flag, value(), 0);
        break;
      case "--no-warmup":
        s.warmup = false;
        break;
      case "--results":
        s.resultsDir = value() ?? "";
        if (!s.resultsDir) throw new Error("--results needs a folder");
        break;
      case "--update-docs":
        s.updateDocs = true;
        break;
      case "--gantt-width":
        s.ganttWidth = positiveInt(flag, value(), 10);
        break;
      case "--no-restore":
        s.restore = false;
        break;
      case "--restore-only":
        s.save = false;
        s.restore = true;
        break;
      case "--restore-scale": {
        const v = value();
        s.restoreScale = v === "auto" ? "auto" : positiveInt(flag, v);
        break;
      }
      case "--kill-points":
        s.killPoints = positiveInt(flag, value(), 0);
        break;
      case "--help":
      case "-h":
        s.help = true;
        break;
      default:
        throw new Error(`unknown option ${arg} (see --help)`);
    }
  }
  if (quick) {
    if (!explicitDatasets) s.datasets = ["medium"];
    if (!explicitPairs) s.pairs = 1;
    if (!explicitLatencies) s.latenciesMs = [80];
    s.warmup = false;
    s.sustained = false;
    s.restore = false;
    s.killPoints = 0;
  }
  if (s.jitterMs !== null && s.jitterMs > Math.min(...s.latenciesMs))
    throw new Error("--jitter-ms must not exceed the lowest --latency-ms");
  return s;
}

/** The jitter at one latency: the flag's, or a fifth of the latency. */
export function jitterAt(s: BenchSettings, latencyMs: number): number {
  return s.jitterMs ?? Math.round(latencyMs / 5);
}
