// `node dist/bench/restore-main.js [--scale N] [--dataset D] [--seed S]`: the
// restore benchmark alone (npm run bench runs it after the save benchmark).
import { mkdir, writeFile } from "node:fs/promises";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { PhaseStalledError } from "./phase-watchdog.js";
import { restoreBench, restoreTable } from "./restore-throughput.js";

export async function runRestoreBench(
  settings: {
    dataset: "small" | "medium" | "tricky";
    seed: number;
    scale: number | "auto";
    resultsDir: string;
  },
  log: (line: string) => void,
): Promise<boolean> {
  log(
    `\n[restore] ${settings.dataset}, GitHub's content limits on a faster clock (${settings.scale}; ${cpus().length} CPUs, node ${process.version})`,
  );
  let figures: Awaited<ReturnType<typeof restoreBench>>;
  try {
    figures = await restoreBench({ ...settings, log });
  } catch (error) {
    if (!(error instanceof PhaseStalledError)) throw error;
    log(`[restore] ${error.message}`);
    return false;
  }
  for (const line of restoreTable(figures)) log(line);
  log("[restore] jobs (scaled seconds from the start):");
  for (const j of figures.jobs)
    log(`  ${j.job.padEnd(20)} ${j.startS.toFixed(1).padStart(6)} → ${j.endS.toFixed(1)}`);
  const path = resolve(settings.resultsDir, "restore.json");
  await mkdir(settings.resultsDir, { recursive: true });
  await writeFile(
    path,
    `${JSON.stringify({ generated_at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
  log(`[restore] results written to ${path}`);
  return figures.failedItems === 0;
}

/** "auto" (default) or a whole number ≥ 1. */
export function scaleFlag(value: string | undefined): number | "auto" {
  if (value === undefined || value === "auto") return "auto";
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error("--restore-scale needs a whole number ≥ 1 or auto");
  return n;
}

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataset = (flag("--dataset") ?? "medium") as "small" | "medium" | "tricky";
  const ok = await runRestoreBench(
    {
      dataset,
      seed: Number(flag("--seed") ?? 1),
      scale: scaleFlag(flag("--scale")),
      resultsDir: flag("--results") ?? "bench/results",
      ...(flag("--numbers") ? { numbers: flag("--numbers") as string } : {}),
      ...(flag("--path-issues") ? { pathIssues: flag("--path-issues") as string } : {}),
    },
    (line) => process.stdout.write(`${line}\n`),
  );
  // A stalled phase's restore was aborted but may still hold timers: end here.
  process.exit(ok ? 0 : 1);
}
