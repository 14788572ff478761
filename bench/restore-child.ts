// One restore in a process of its own, so a run can be killed outright
// (SIGKILL) at a chosen request and started again: the kill-and-resume test
// (test/restore/crash-and-recovery/kill-resume.test.ts) runs it. Settings come
// as JSON in argv[2]; the token in GITHUB_TOKEN, never in the arguments.
// Pacing is off: the runs are about journal and markers, not about time.
import type { EntityName } from "../src/entities/names.js";
import { RestoreRepositoryUseCase } from "../src/restore/restore-repository.js";

interface ChildSettings {
  backupDir: string;
  owner: string;
  repo: string;
  apiUrl: string;
  stateDir: string;
  entities: EntityName[];
  importApi: "auto" | "never";
}

const settings = JSON.parse(process.argv[2] ?? "{}") as ChildSettings;
const result = await new RestoreRepositoryUseCase().execute({
  backupDir: settings.backupDir,
  target: { owner: settings.owner, repo: settings.repo },
  token: process.env.GITHUB_TOKEN ?? "",
  apiUrl: settings.apiUrl,
  stateDir: settings.stateDir,
  importApi: settings.importApi,
  labelConflict: "overwrite",
  selection: { entities: new Set(settings.entities), issues: { kind: "all" }, pullRequests: { kind: "all" } },
  contentLimits: { minWriteIntervalMs: 0, contentPerMinute: 1e9, contentPerHour: 1e9 },
  client: { schedulerOptions: { backoff: { baseMs: 1, capMs: 5 }, rateLimitResetMarginMs: 0 } },
});
for (const warning of result.warnings) process.stderr.write(`${warning}\n`);
process.exitCode = result.exitCode;
