// The final table and summary line of save and restore, from their results.
import type { JobStatus } from "../../orchestrator/types.js";
import type { CommandContext } from "../command-context.js";

export interface FinishedJob {
  name: string;
  status: JobStatus;
  records: number;
  durationMs: number;
  requests?: number;
  error: string | null;
}

export function finishRun(
  ctx: CommandContext,
  run: {
    command: string;
    target: { owner: string; repo: string };
    dir: string;
    jobs: readonly FinishedJob[];
    startedAt: number;
    requests: number;
    exitCode: number;
  },
): number {
  ctx.renderer.finish({
    command: run.command,
    target: `${run.target.owner}/${run.target.repo}`,
    outDir: run.dir,
    jobs: run.jobs.map((j) => ({
      name: j.name,
      status: j.status,
      records: j.records,
      durationMs: j.durationMs,
      ...(j.requests === undefined ? {} : { requests: j.requests }),
      error: j.error,
    })),
    totalMs: Date.now() - run.startedAt,
    requests: { total: run.requests },
    exitCode: run.exitCode,
  });
  return run.exitCode;
}
