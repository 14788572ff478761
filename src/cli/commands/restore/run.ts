// `github-data restore DIR OWNER/REPO`: runs the restore use case, renders its
// progress, and prints the plan on a dry run.
import { backupAsOf } from "../../../restore/as-of.js";
import { describePlan } from "../../../restore/plan.js";
import { RestoreRepositoryUseCase } from "../../../restore/restore-repository.js";
import type { CommandContext } from "../../command-context.js";
import { finishRun } from "../finish-run.js";
import type { RestoreCommand } from "./types.js";

export async function restoreCommand(cfg: RestoreCommand, ctx: CommandContext): Promise<number> {
  for (const warning of cfg.warnings) ctx.renderer.onWarning(warning);
  const started = Date.now();
  const backupDir = cfg.asOf === null ? cfg.dir : await backupAsOf(cfg.dir, cfg.asOf, ctx.logger);
  const result = await new RestoreRepositoryUseCase().execute({
    backupDir,
    target: cfg.repo,
    token: cfg.token,
    apiUrl: cfg.apiUrl,
    graphqlUrl: cfg.graphqlUrl,
    selection: { entities: cfg.entities, issues: cfg.issues, pullRequests: cfg.pullRequests },
    labelConflict: cfg.labelConflict,
    createRepo: cfg.createRepo,
    visibility: cfg.visibility,
    dryRun: cfg.dryRun,
    importApi: cfg.importApi,
    inviteCollaborators: cfg.inviteCollaborators,
    webhooks: cfg.webhooks,
    discussionCategory: cfg.discussionCategory,
    statePath: cfg.statePath,
    stateDir: cfg.stateDir,
    concurrency: cfg.concurrency,
    signal: ctx.signal,
    log: ctx.logger,
    onEvent: (event) => ctx.renderer.onEvent(event),
  });
  for (const warning of result.warnings) ctx.renderer.onWarning(warning);
  if (result.plan) for (const line of describePlan(result.plan)) ctx.stdout.write(`${line}\n`);
  return finishRun(ctx, {
    command: cfg.dryRun ? "restore (dry run)" : "restore",
    target: cfg.repo,
    dir: cfg.dir,
    jobs: result.results,
    startedAt: started,
    requests: result.requests.requests,
    exitCode: result.exitCode,
  });
}
