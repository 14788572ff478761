// `github-data save`: runs the save use case and renders its progress.
import { SaveRepositoryUseCase } from "../../../save/save-repository.js";
import type { CommandContext } from "../../command-context.js";
import { finishRun } from "../finish-run.js";
import { changesLine, verifyLine } from "./changes-line.js";
import type { SaveCommand } from "./types.js";

export async function saveCommand(cfg: SaveCommand, ctx: CommandContext): Promise<number> {
  for (const warning of cfg.warnings) ctx.renderer.onWarning(warning);
  const started = Date.now();
  const result = await new SaveRepositoryUseCase().execute({
    repo: cfg.repo,
    outDir: cfg.outDir,
    token: cfg.token,
    apiUrl: cfg.apiUrl,
    graphqlUrl: cfg.graphqlUrl,
    selection: { entities: cfg.entities, issues: cfg.issues, pullRequests: cfg.pullRequests },
    concurrency: cfg.concurrency,
    resume: cfg.resume,
    incremental: cfg.incremental,
    verifyFull: cfg.verifyFull,
    signal: ctx.signal,
    log: ctx.logger,
    onEvent: (event) => ctx.renderer.onEvent(event),
    onStats: (stats) =>
      ctx.renderer.onRequestStats({
        total: stats.requests,
        inFlight: stats.inFlight,
        ...(stats.rateLimitPausedUntil === undefined
          ? {}
          : { pausedUntil: new Date(stats.rateLimitPausedUntil) }),
        ...(stats.rateLimitEstimatedFinish === undefined
          ? {}
          : { estimatedFinish: new Date(stats.rateLimitEstimatedFinish) }),
      }),
  });
  const incremental = result.manifest?.incremental;
  if (incremental) ctx.logger.info(changesLine(incremental));
  if (incremental?.verify_full) ctx.logger.info(verifyLine(incremental.verify_full));
  return finishRun(ctx, {
    command: "save",
    target: cfg.repo,
    dir: cfg.outDir,
    jobs: result.results,
    startedAt: started,
    requests: result.requests.requests,
    exitCode: result.exitCode,
  });
}
