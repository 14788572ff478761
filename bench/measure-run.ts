// One measured save: A (github-data's CLI, default settings) or B (the
// phase-based baseline), each a process of its own against the same server.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Budgets } from "../src/github/rate-budget.js";
import { type MemoryPeak, runMeasured } from "./child.js";
import { type BenchServer, isApiRoute, type ServerActivity } from "./server.js";
import { type JobSpan, type LogNote, parseEventLines } from "./spans.js";

export type Side = "A" | "B";

export interface RequestCounts {
  /** REST and GraphQL requests to the API (what GitHub's limits count). */
  api: number;
  /** Git smart-HTTP requests (the mirror and wiki clones, the LFS batch API). */
  git: number;
  /** Storage and web-host transfers: assets after the API's redirect, attachments, LFS objects. */
  storage: number;
  /** API requests by "METHOD template". */
  byRoute: Record<string, number>;
  byStatus: Record<string, number>;
  /** Answers that were a rate limit (403/429). */
  limited: number;
  peakInFlight: number;
}

export interface RunRecord {
  side: Side;
  dataset: string;
  /** Epoch ms of the spawn; span times are relative to it. */
  origin: number;
  wallMs: number;
  exitCode: number | null;
  ok: boolean;
  failures: Array<{ job: string; error: string }>;
  maxRssBytes: number | null;
  /** Save output on stdout (the sustained run's scheduler counters). */
  stdout: string;
  /** The highest 100 ms memory sample: when (epoch ms) and heap / external / buffers then. */
  memoryPeak: MemoryPeak | null;
  /** User + system CPU of the whole process tree (node, git and its helpers). */
  cpuMs: number | null;
  /** Of which the node process alone. */
  nodeCpuMs: number | null;
  /** CPU the fake server (this process) spent during the run: near the wall time means the server was the bottleneck. */
  serverCpuMs: number;
  requests: RequestCounts;
  /** The API requests as the server saw them (per-route times, busy window). */
  server: ServerActivity;
  spans: JobSpan[];
  notes: LogNote[];
}

const here = fileURLToPath(new URL(".", import.meta.url));
/** dist/bench/ → dist/src/cli/main.js */
export const CLI_PATH = join(here, "..", "src", "cli", "main.js");
export const BASELINE_PATH = join(here, "baseline", "cli.js");
export const SUSTAINED_PATH = join(here, "sustained-save.js");

/** A clean environment: nothing from the caller's GITHUB_* or INCLUDE_* settings leaks in. */
function childEnv(token: string): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "LANG", "TMPDIR", "SYSTEMROOT"];
  const env: NodeJS.ProcessEnv = {};
  for (const key of keep) if (process.env[key] !== undefined) env[key] = process.env[key];
  env.GITHUB_TOKEN = token;
  return env;
}

export function splitRequests(
  byRoute: Record<string, number>,
): Pick<RequestCounts, "api" | "git" | "storage" | "byRoute"> {
  const api: Record<string, number> = {};
  let apiTotal = 0;
  let git = 0;
  let storage = 0;
  for (const [route, count] of Object.entries(byRoute)) {
    if (/\.git\//.test(route)) git += count;
    else if (!isApiRoute(route)) storage += count;
    else {
      api[route] = count;
      apiTotal += count;
    }
  }
  return { api: apiTotal, git, storage, byRoute: api };
}

export async function measureRun(
  side: Side,
  server: BenchServer,
  options: {
    dataset: string;
    concurrency: number;
    timeoutMs: number;
    /** Run A through the save use case with these per-minute budgets (the sustained run). */
    budgets?: Partial<Budgets>;
  },
): Promise<RunRecord> {
  const scratch = await mkdtemp(join(tmpdir(), `github-data-bench-${side}-`));
  const outDir = join(scratch, "backup");
  const target = `${server.owner}/${server.repo}`;
  server.reset();
  try {
    const env = childEnv(server.fake.token);
    let script = side === "A" ? CLI_PATH : BASELINE_PATH;
    let args =
      side === "A"
        ? ["save", target, "--out", outDir, "--api-url", server.fake.url, "--log-format", "json"]
        : [target, outDir, server.fake.url, String(options.concurrency)];
    if (options.budgets) {
      script = SUSTAINED_PATH;
      args = [target, outDir, server.fake.url];
      env.BENCH_BUDGETS = JSON.stringify(options.budgets);
    }
    const cpuBefore = process.cpuUsage();
    const proc = await runMeasured(script, args, env, { timeoutMs: options.timeoutMs });
    const cpu = process.cpuUsage(cpuBefore);
    const stats = server.snapshot();
    const parsed = parseEventLines(proc.stderr);
    const failures = parsed.spans
      .filter((s) => s.status === "failed" || s.status === "cancelled")
      .map((s) => ({ job: s.job, error: s.error ?? s.status }));
    if (proc.exitCode !== 0 && failures.length === 0) {
      const tail = proc.stderr.trim().split("\n").slice(-3).join(" | ");
      failures.push({ job: "(process)", error: `exit ${proc.exitCode ?? proc.signal}: ${tail}` });
    }
    const limited = Object.entries(stats.byStatus)
      .filter(([status]) => status === "403" || status === "429")
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      side,
      dataset: options.dataset,
      origin: proc.startedAt,
      wallMs: proc.wallMs,
      exitCode: proc.exitCode,
      ok: proc.exitCode === 0,
      failures,
      maxRssBytes: proc.maxRssBytes,
      stdout: options.budgets ? proc.stdout.trim() : "",
      memoryPeak: proc.memoryPeak,
      cpuMs: proc.cpuMs === null ? null : proc.cpuMs + (proc.childCpuMs ?? 0),
      nodeCpuMs: proc.cpuMs,
      serverCpuMs: (cpu.user + cpu.system) / 1000,
      requests: {
        ...splitRequests(stats.byRoute),
        byStatus: stats.byStatus,
        limited,
        peakInFlight: stats.peakInFlight,
      },
      server: server.activity(),
      spans: parsed.spans,
      notes: parsed.notes,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
