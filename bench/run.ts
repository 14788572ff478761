// `npm run bench`: github-data save (A) against the phase-based baseline (B)
// on the fake GitHub server with realistic latency and GitHub's secondary
// limits, alternating A B A B on one server per dataset, and both against the
// floor GitHub's limits set. Prints the figures and Gantt charts, writes them
// as JSON under bench/results/, and optionally refreshes docs/performance.md.

import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { DEFAULT_CONCURRENCY } from "../src/cli/remote.js";
import { analyzeDataset, checkTargets, type DatasetFigures } from "./analyze.js";
import { type BenchSettings, jitterAt, parseBenchArgs, USAGE } from "./args.js";
import { factsFromRepo } from "./dataset-facts.js";
import { type Budgets, GITHUB_BUDGETS, GITHUB_CONCURRENCY, type RepoFacts } from "./floor.js";
import { KILL_SWEEP_LATENCY_MS, killSweepTable, runKillSweep } from "./kill-sweep.js";
import { measureRun, type RunRecord, type Side } from "./measure-run.js";
import { markdownTable, markdownTargets, renderDataset, renderTargets, secondsText } from "./report.js";
import { runRestoreBench } from "./restore-main.js";
import { startBenchServer } from "./server.js";

const RUN_TIMEOUT_MS = 10 * 60_000;
const DOCS_START = "<!-- bench:results:start -->";
const DOCS_END = "<!-- bench:results:end -->";

interface DatasetOutcome {
  figures: DatasetFigures;
  runs: RunRecord[];
  serverStartMs: number;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

/**
 * The sustained run's limits: GitHub's per-minute rates on a 6 s window (a
 * tenth of the points per a tenth of the time), so that `large` runs for
 * tens of seconds at the pace GitHub sustains, past many window edges.
 */
export const SUSTAINED_BUDGETS: Budgets = {
  restPointsPerMinute: GITHUB_BUDGETS.restPointsPerMinute / 10,
  graphqlPointsPerMinute: GITHUB_BUDGETS.graphqlPointsPerMinute / 10,
  windowMs: GITHUB_BUDGETS.windowMs / 10,
};

interface BenchCase {
  dataset: BenchSettings["datasets"][number];
  latencyMs: number;
  /** Scaled per-minute budgets on the server and in the client (the sustained run). */
  budgets?: Budgets;
}

async function benchCase(c: BenchCase, s: BenchSettings): Promise<DatasetOutcome> {
  const { dataset, latencyMs } = c;
  const jitterMs = jitterAt(s, latencyMs);
  const label = c.budgets ? `${dataset} (sustained)` : dataset;
  const t0 = performance.now();
  log(
    `\n[${label}] generating the dataset and starting the fake server (latency ${latencyMs} ± ${jitterMs} ms, secondary limits on${
      c.budgets ? `, budgets per ${c.budgets.windowMs / 1000} s window` : ""
    })…`,
  );
  const server = await startBenchServer({
    dataset,
    seed: s.seed,
    latencyMs,
    jitterMs,
    ...(c.budgets ? { secondary: { ...c.budgets } } : {}),
  });
  const serverStartMs = performance.now() - t0;
  try {
    const repo = server.fake.dataset?.repo;
    if (!repo) throw new Error("no dataset repository");
    const facts = factsFromRepo(repo);
    const a: RunRecord[] = [];
    const b: RunRecord[] = [];
    const run = async (side: Side, what: string): Promise<RunRecord> => {
      const record = await measureRun(side, server, {
        dataset,
        concurrency: DEFAULT_CONCURRENCY,
        timeoutMs: RUN_TIMEOUT_MS,
        ...(c.budgets ? { budgets: c.budgets } : {}),
      });
      const status = record.ok
        ? "ok"
        : `FAILED (${record.failures.map((f) => `${f.job}: ${f.error}`).join("; ")})`;
      log(
        `[${label} ${latencyMs} ms] ${what}: ${secondsText(record.wallMs)}, ${record.requests.api} API requests, ${
          record.requests.limited
        } secondary-limit answers, CPU ${record.cpuMs === null ? "n/a" : secondsText(record.cpuMs)}, peak RSS ${
          record.maxRssBytes === null ? "n/a" : `${Math.round(record.maxRssBytes / 2 ** 20)} MB`
        }, ${status}${record.stdout ? ` ${record.stdout}` : ""}`,
      );
      return record;
    };
    if (c.budgets) a.push(await run("A", "sustained A"));
    else if (dataset === "large") {
      // Large runs only A, for memory and CPU; the machine is warm from the runs before it.
      for (let i = 1; i <= s.largeRuns; i++) a.push(await run("A", `A ${i}/${s.largeRuns}`));
    } else {
      if (s.warmup) await run("A", "warm-up A (not counted)");
      for (let i = 1; i <= s.pairs; i++) {
        a.push(await run("A", `pair ${i}/${s.pairs} A`));
        b.push(await run("B", `pair ${i}/${s.pairs} B`));
      }
    }
    const figures = analyzeDataset({
      dataset,
      label,
      facts,
      a,
      b,
      latencyMs,
      ...(c.budgets ? { budgets: { ...GITHUB_BUDGETS, ...c.budgets } } : {}),
    });
    log("");
    log(renderDataset(figures, a, b, s.ganttWidth));
    return { figures, runs: [...a, ...b], serverStartMs };
  } finally {
    await server.close();
  }
}

/** Every dataset at every latency (large at the headline one only), then the sustained run. */
export function benchCases(s: BenchSettings): BenchCase[] {
  const headline = s.latenciesMs[0] as number;
  const cases: BenchCase[] = [];
  for (const dataset of s.datasets) {
    const latencies = dataset === "large" ? [headline] : s.latenciesMs;
    for (const latencyMs of latencies) cases.push({ dataset, latencyMs });
  }
  if (s.sustained) cases.push({ dataset: "large", latencyMs: headline, budgets: SUSTAINED_BUDGETS });
  return cases;
}

/** The per-item lists of the facts, as count / total / longest (the full lists run to thousands of numbers). */
function summarizeFacts(facts: RepoFacts): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(facts)) {
    out[key] = Array.isArray(value)
      ? {
          lists: value.length,
          total: value.reduce((a: number, b: number) => a + b, 0),
          longest: Math.max(0, ...value),
        }
      : value;
  }
  return out;
}

async function writeResults(path: string, body: unknown): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  const temp = `${path}.tmp`;
  await writeFile(temp, `${JSON.stringify(body, null, 2)}\n`);
  await rename(temp, path);
}

async function updateDocs(path: string, section: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return false;
  }
  const start = text.indexOf(DOCS_START);
  const end = text.indexOf(DOCS_END);
  if (start < 0 || end < start) return false;
  const next = `${text.slice(0, start + DOCS_START.length)}\n${section}\n${text.slice(end)}`;
  await writeFile(path, next);
  return true;
}

/** The restore benchmark (medium under GitHub's content limits on a faster clock). */
function restoreSection(settings: BenchSettings): Promise<boolean> {
  return runRestoreBench(
    { dataset: "medium", seed: settings.seed, scale: settings.restoreScale, resultsDir: settings.resultsDir },
    log,
  );
}

async function main(): Promise<number> {
  let settings: BenchSettings;
  try {
    settings = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (settings.help) {
    log(USAGE);
    return 0;
  }
  const started = new Date();
  log(
    `github-data benchmark: datasets ${settings.datasets.join(", ")} at ${settings.latenciesMs.join(", ")} ms; ${settings.pairs} A/B pair(s) each (A only on large, ${settings.largeRuns} run(s))${settings.sustained ? "; a sustained large run" : ""}; ${cpus().length} CPUs, node ${process.version}`,
  );
  if (!settings.save) return (await restoreSection(settings)) ? 0 : 1;
  const outcomes: DatasetOutcome[] = [];
  for (const c of benchCases(settings)) outcomes.push(await benchCase(c, settings));

  const killSweep =
    settings.killPoints > 0
      ? await runKillSweep(
          {
            datasets: settings.datasets,
            points: settings.killPoints,
            seed: settings.seed,
            latencyMs: KILL_SWEEP_LATENCY_MS,
          },
          log,
        )
      : [];
  if (killSweep.length > 0)
    log(`\n== Kill sweep (killed + resumed requests / uninterrupted)\n${killSweepTable(killSweep)}`);

  const figures = outcomes.map((o) => o.figures);
  const targets = checkTargets(figures);
  log("\n== Targets (read, not tested; see docs/performance.md)");
  log(renderTargets(targets));

  const resultsPath = resolve(settings.resultsDir, "latest.json");
  await writeResults(resultsPath, {
    generated_at: started.toISOString(),
    duration_ms: Date.now() - started.getTime(),
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model ?? null,
      node: process.version,
      platform: process.platform,
    },
    settings,
    concurrency: DEFAULT_CONCURRENCY,
    github_concurrency: GITHUB_CONCURRENCY,
    datasets: outcomes.map((o) => ({
      ...o.figures,
      facts: summarizeFacts(o.figures.facts),
      server_start_ms: o.serverStartMs,
      runs: o.runs,
    })),
    targets,
    kill_sweep: killSweep,
  });
  log(`\nResults written to ${resultsPath}`);
  if (settings.updateDocs) {
    const section = [
      `Measured ${started.toISOString().slice(0, 10)} on ${cpus().length} CPUs (${cpus()[0]?.model ?? "unknown CPU"}) shared with other work, node ${process.version}; ${settings.pairs} A/B pair(s) per dataset and latency, ${settings.largeRuns} A runs on large; latency L ± ${settings.jitterMs ?? "L/5"} ms; C = ${GITHUB_CONCURRENCY} (GitHub's limit; github-data's default concurrency is ${DEFAULT_CONCURRENCY}).`,
      "",
      markdownTable(figures),
      "",
      markdownTargets(targets),
      ...(killSweep.length > 0
        ? [
            "",
            `Kill sweep at ${KILL_SWEEP_LATENCY_MS} ms ± ${KILL_SWEEP_LATENCY_MS / 5} ms: per dataset, a save killed (SIGKILL, with its git processes) at ${settings.killPoints} seeded API requests and resumed with --resume; API requests of both runs over an uninterrupted save's, and whether the resumed folder is identical.`,
            "",
            killSweepTable(killSweep),
          ]
        : []),
    ].join("\n");
    const docs = resolve("docs/performance.md");
    log(
      (await updateDocs(docs, section)) ? `Updated ${docs}` : `Could not find the results markers in ${docs}`,
    );
  }
  const failed = outcomes.some((o) => o.runs.some((r) => !r.ok));
  if (failed) log("\nSome saves failed (see above): their figures are not comparable.");
  const restored = settings.restore ? await restoreSection(settings) : true;
  return failed || !restored ? 1 : 0;
}

process.exitCode = await main();
