// Runs one measured node process (a save, A or B): wall time from spawn to
// exit, its output, and the peak RSS and CPU time the preloaded probe reports.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface MeasuredProcess {
  /** Epoch ms of the spawn and of the exit. */
  startedAt: number;
  endedAt: number;
  wallMs: number;
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the node process (not its git children), or null if unknown. */
  maxRssBytes: number | null;
  /** User + system CPU of the node process. */
  cpuMs: number | null;
  /** User + system CPU of its finished children (git and its helpers); null when unknown. */
  childCpuMs: number | null;
  /** The highest sampled memory (100 ms samples): when, and how it split. */
  memoryPeak: MemoryPeak | null;
}

export interface MemoryPeak {
  /** Epoch ms of the sample. */
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
}

function memoryPeakOf(value: unknown): MemoryPeak | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const keys = ["at", "rss", "heapUsed", "heapTotal", "external", "arrayBuffers"] as const;
  if (!keys.every((k) => typeof v[k] === "number")) return null;
  return Object.fromEntries(keys.map((k) => [k, v[k]])) as unknown as MemoryPeak;
}

const probe = pathToFileURL(fileURLToPath(new URL("./rss-probe.js", import.meta.url))).href;

export async function runMeasured(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  options: { timeoutMs?: number } = {},
): Promise<MeasuredProcess> {
  const scratch = await mkdtemp(join(tmpdir(), "github-data-bench-rss-"));
  const rssFile = join(scratch, "rss.json");
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const startedAt = Date.now();
  const t0 = performance.now();
  const child = spawn(process.execPath, ["--import", probe, script, ...args], {
    env: { ...env, BENCH_RSS_FILE: rssFile },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
  const timer =
    options.timeoutMs === undefined ? undefined : setTimeout(() => child.kill("SIGTERM"), options.timeoutMs);
  const [exitCode, signal] = await new Promise<[number | null, string | null]>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, sig) => resolve([code, sig]));
  });
  const wallMs = performance.now() - t0;
  if (timer) clearTimeout(timer);
  let maxRssBytes: number | null = null;
  let cpuMs: number | null = null;
  let childCpuMs: number | null = null;
  let memoryPeak: MemoryPeak | null = null;
  try {
    const probed = JSON.parse(await readFile(rssFile, "utf8")) as Record<string, unknown>;
    if (typeof probed.maxRssBytes === "number") maxRssBytes = probed.maxRssBytes;
    if (typeof probed.cpuUserUs === "number" && typeof probed.cpuSystemUs === "number")
      cpuMs = (probed.cpuUserUs + probed.cpuSystemUs) / 1000;
    if (typeof probed.cpuChildrenUs === "number") childCpuMs = probed.cpuChildrenUs / 1000;
    memoryPeak = memoryPeakOf(probed.peak);
  } catch {
    // The process died before its exit handler ran; memory stays unknown.
  }
  await rm(scratch, { recursive: true, force: true });
  return {
    startedAt,
    endedAt: startedAt + wallMs,
    wallMs,
    exitCode,
    signal,
    stdout: Buffer.concat(out).toString("utf8"),
    stderr: Buffer.concat(err).toString("utf8"),
    maxRssBytes,
    cpuMs,
    childCpuMs,
    memoryPeak,
  };
}
