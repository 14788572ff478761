// The kill sweep (docs/reliability.md, "Resume"): per dataset, one
// uninterrupted save, then at each of N seeded points a save killed with
// SIGKILL (with its git processes) when its Nth API request arrives, and the
// same command with --resume. Reports per point the requests of the killed
// and the resumed run against the uninterrupted one's (API, git, storage)
// and whether the resumed folder is identical to the uninterrupted one.
// Run by `npm run bench` (flag --kill-points), or on its own:
//   node dist/bench/kill-sweep.js --dataset medium,large --points 10
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../fake-github/data/prng.js";
import type { BenchDataset } from "./args.js";
import { digestDifferences, folderDigest } from "./folder-digest.js";
import { type KillProxy, type ProxyCounts, startKillProxy } from "./kill-proxy.js";
import { CLI_PATH } from "./measure-run.js";
import { markdownGrid } from "./report.js";
import { startBenchServer } from "./server.js";

export interface KillSweepOptions {
  datasets: BenchDataset[];
  points: number;
  seed: number;
  /** Server latency per request (low: the sweep runs 2N + 1 saves per dataset). */
  latencyMs: number;
}

export interface KillPoint {
  /** The API request at whose arrival the save was killed. */
  killAt: number;
  killed: ProxyCounts;
  resumed: ProxyCounts;
  /** (killed + resumed) / uninterrupted, API requests. */
  apiRatio: number;
  /** The same for git and storage requests (null when the uninterrupted save made none). */
  gitRatio: number | null;
  storageRatio: number | null;
  resumedExit: number | null;
  /** Files that differ from the uninterrupted save's. */
  differences: string[];
}

export interface KillSweepResult {
  dataset: BenchDataset;
  clean: ProxyCounts;
  points: KillPoint[];
}

export const KILL_TARGET = 1.1;
/**
 * The sweep's latency: low enough for 21 saves per dataset, high enough that
 * the requests in flight at a kill, not the machine's speed, set what is lost.
 */
export const KILL_SWEEP_LATENCY_MS = 100;

/** N kill points spread over the run: one seeded point in each N-th of [3, total − 1]. */
export function killPoints(total: number, n: number, seed: number): number[] {
  const random = mulberry32(seed).next;
  const low = 3;
  const span = Math.max(1, total - 1 - low);
  return Array.from({ length: n }, (_, i) => low + Math.floor(((i + random()) / n) * span));
}

interface SaveRun {
  code: number | null;
  signal: string | null;
  stderr: string;
}

/** The CLI in a process group of its own, so a kill reaches the git processes it started. */
function runSave(args: string[], env: NodeJS.ProcessEnv, onPid?: (pid: number) => void): Promise<SaveRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
      detached: true,
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on("error", fail);
    child.on("close", (code, signal) => done({ code, signal, stderr }));
    if (child.pid !== undefined) onPid?.(child.pid);
  });
}

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function ratio(parts: number, whole: number): number | null {
  return whole === 0 ? null : parts / whole;
}

async function sweepDataset(
  dataset: BenchDataset,
  options: KillSweepOptions,
  log: (line: string) => void,
): Promise<KillSweepResult> {
  const server = await startBenchServer({
    dataset,
    seed: options.seed,
    latencyMs: options.latencyMs,
    jitterMs: Math.round(options.latencyMs / 5),
  });
  let proxy: KillProxy | null = null;
  const scratch = await mkdtemp(join(tmpdir(), "github-data-kill-sweep-"));
  try {
    proxy = await startKillProxy(server.fake.url);
    const p = proxy;
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      GITHUB_TOKEN: server.fake.token,
    };
    const target = `${server.owner}/${server.repo}`;
    const save = (dir: string, extra: string[] = []) => [
      "save",
      target,
      "--out",
      dir,
      "--api-url",
      p.url,
      ...extra,
    ];

    const cleanDir = join(scratch, "clean");
    server.reset();
    p.reset();
    const clean = await runSave(save(cleanDir), env);
    if (clean.code !== 0)
      throw new Error(`${dataset}: the uninterrupted save failed: ${clean.stderr.trim()}`);
    const cleanCounts = p.counts;
    const reference = folderDigest(cleanDir);
    log(
      `[kill sweep ${dataset}] uninterrupted: ${cleanCounts.api} API, ${cleanCounts.git} git, ${cleanCounts.storage} storage requests`,
    );

    const points: KillPoint[] = [];
    for (const [i, killAt] of killPoints(cleanCounts.api, options.points, options.seed).entries()) {
      const dir = join(scratch, `point-${i + 1}`);
      server.reset();
      let pid = 0;
      p.reset((n) => {
        if (n < killAt) return "forward";
        if (pid !== 0) killGroup(pid);
        return "hold";
      });
      const killed = await runSave(save(dir), env, (id) => {
        pid = id;
      });
      const killedCounts = p.counts;
      // Its last requests, still unread when it died, must not count as the resumed save's.
      await p.dropClients();
      server.reset();
      p.reset();
      const resumed = await runSave(save(dir, ["--resume"]), env);
      const resumedCounts = p.counts;
      // A failed run is named with its last line of output.
      const failure = (killed.signal === null ? killed : resumed).stderr.trim().split("\n").at(-1) ?? "";
      const differences =
        resumed.code === 0 ? digestDifferences(reference, folderDigest(dir)) : [`(save failed: ${failure})`];
      const point: KillPoint = {
        killAt,
        killed: killedCounts,
        resumed: resumedCounts,
        apiRatio: (killedCounts.api + resumedCounts.api) / cleanCounts.api,
        gitRatio: ratio(killedCounts.git + resumedCounts.git, cleanCounts.git),
        storageRatio: ratio(killedCounts.storage + resumedCounts.storage, cleanCounts.storage),
        resumedExit: resumed.code,
        differences,
      };
      points.push(point);
      log(
        `[kill sweep ${dataset}] point ${i + 1}/${options.points}: killed at API request ${killAt} (${
          killed.signal ?? `exit ${killed.code}`
        }), resumed exit ${resumed.code}; API ${killedCounts.api} + ${resumedCounts.api} = ${point.apiRatio.toFixed(2)}×, git ${
          killedCounts.git
        } + ${resumedCounts.git}, storage ${killedCounts.storage} + ${resumedCounts.storage}; ${
          differences.length === 0 ? "identical files" : `DIFFERENT: ${differences.slice(0, 5).join(", ")}`
        }`,
      );
      await rm(dir, { recursive: true, force: true });
    }
    return { dataset, clean: cleanCounts, points };
  } finally {
    await proxy?.close();
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

export async function runKillSweep(
  options: KillSweepOptions,
  log: (line: string) => void,
): Promise<KillSweepResult[]> {
  const results: KillSweepResult[] = [];
  for (const dataset of options.datasets) results.push(await sweepDataset(dataset, options, log));
  return results;
}

function fixed(value: number | null): string {
  return value === null ? "–" : `${value.toFixed(2)}×`;
}

/** One Markdown row per dataset: the worst and median point, and whether every folder was identical. */
export function killSweepTable(results: readonly KillSweepResult[]): string {
  const rows = results.map((r) => {
    const api = r.points.map((p) => p.apiRatio).sort((a, b) => a - b);
    const worst = (key: "gitRatio" | "storageRatio") => Math.max(0, ...r.points.map((p) => p[key] ?? 0));
    return [
      r.dataset,
      String(r.points.length),
      String(r.clean.api),
      fixed(api[Math.floor((api.length - 1) / 2)] ?? null),
      fixed(api.at(-1) ?? null),
      `${r.points.filter((p) => p.apiRatio <= KILL_TARGET).length} / ${r.points.length}`,
      r.clean.git === 0 ? "–" : fixed(worst("gitRatio")),
      r.clean.storage === 0 ? "–" : fixed(worst("storageRatio")),
      `${r.points.filter((p) => p.differences.length === 0).length} / ${r.points.length}`,
    ];
  });
  return markdownGrid(
    [
      "dataset",
      "kill points",
      "API requests uninterrupted",
      "killed + resumed (median)",
      "(worst)",
      `≤ ${KILL_TARGET}×`,
      "git (worst)",
      "storage (worst)",
      "identical files",
    ],
    ["left", "right", "right", "right", "right", "right", "right", "right", "right"],
    rows,
  );
}

function parse(argv: readonly string[]): KillSweepOptions {
  const options: KillSweepOptions = {
    datasets: ["medium", "large"],
    points: 10,
    seed: 1,
    latencyMs: KILL_SWEEP_LATENCY_MS,
  };
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1] ?? "";
    switch (argv[i]) {
      case "--dataset":
        options.datasets = value.split(",") as BenchDataset[];
        break;
      case "--points":
        options.points = Number(value);
        break;
      case "--seed":
        options.seed = Number(value);
        break;
      case "--latency-ms":
        options.latencyMs = Number(value);
        break;
      default:
        throw new Error(`unknown option ${argv[i]}`);
    }
    i++;
  }
  return options;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const results = await runKillSweep(parse(process.argv.slice(2)), (line) =>
    process.stdout.write(`${line}\n`),
  );
  process.stdout.write(`\n${killSweepTable(results)}\n`);
}
