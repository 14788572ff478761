// RestoreRepositoryUseCase: the library entry point of a restore. Checks the
// backup and the target before writing anything (PreflightError, exit 2),
// creates the target when asked, then runs one orchestrator job per selected
// entity type plus the references pass. Per-item failures are reported and
// the rest goes on; a job with failed items is "failed" at the end (exit 1),
// but its dependents still run for the objects that exist.
import { attachmentRewriter } from "../entities/attachments/rehost.js";

import { CONTENT_JOBS, familyOf, restorersFor } from "../entities/index.js";
import type { EntityName } from "../entities/names.js";
import { ReactionCounts } from "../entities/reactions/counts.js";
import { REACTIONS_FILE, type ReactionRecord } from "../entities/reactions/record.js";
import type { GitHubClient, GitHubClientOptions } from "../github/client.js";
import type { RepoRef } from "../github/repository.js";
import type { RequestStats } from "../github/stats.js";
import { runJobs } from "../orchestrator/run-jobs.js";
import type { OrchestratorEvent } from "../orchestrator/types.js";
import { type NumberSelection, selectionNumbers, selectionSize } from "../selection/number-spec.js";
import { type Logger, silentLogger } from "../util/logger.js";
import { type BackupSource, openBackup } from "./backup-source.js";
import { createBodyRewriter } from "./bodies.js";
import { type RestorePlan, summarisePlan } from "./plan.js";
import type { ReferenceMap } from "./references.js";
import { type ContentLimits, pacingOf, restoreClient } from "./restore-client.js";
import {
  RestoreWarnings,
  restoreJobs,
  restorersWithData,
  type SharedRestoreContext,
} from "./restore-jobs.js";
import { type RestoreOperationResult, restoreExitCode, restoreResults } from "./restore-results.js";
import { openRestoreState } from "./restore-state.js";
import { createMissingTarget, findTarget, prepareTarget } from "./target-preflight.js";
import type {
  EntityRestorer,
  ImportApiMode,
  LabelConflictStrategy,
  PlannedAction,
  RestoreJournal,
  TargetRepository,
} from "./types.js";

export type { ContentLimits } from "./restore-client.js";
export type { RestoreOperationResult } from "./restore-results.js";

export interface RestoreSelection {
  entities: ReadonlySet<EntityName>;
  issues: NumberSelection;
  pullRequests: NumberSelection;
}

export interface RestoreRepositoryRequest {
  backupDir: string;
  target: RepoRef;
  token: string;
  apiUrl?: string;
  graphqlUrl?: string;
  selection: RestoreSelection;
  /** Default "skip". */
  labelConflict?: LabelConflictStrategy;
  /** Create the target when it does not exist (default true). */
  createRepo?: boolean;
  /** Of a created target (default "private"). */
  visibility?: "public" | "private";
  /** Only read; report what would be done. */
  dryRun?: boolean;
  /** Default "auto". */
  importApi?: ImportApiMode;
  /** Invite the backup's collaborators (default false: an invitation reaches people). */
  inviteCollaborators?: boolean;
  /** Create the backup's webhooks, inactive (default false: they would call other services). */
  webhooks?: boolean;
  /** Category for discussions whose own the target lacks (default: the target's General, else its first). */
  discussionCategory?: string | null;
  /** Journal file (default `<stateDir>/restore/<API host>/<target id>.jsonl`). */
  statePath?: string | null;
  /** Per-user state directory (default $GITHUB_DATA_STATE_DIR, $XDG_STATE_HOME/github-data, ~/.local/state/github-data). */
  stateDir?: string | null;
  /** Requests in flight at most. */
  concurrency?: number;
  contentLimits?: ContentLimits;
  signal?: AbortSignal;
  onEvent?: (event: OrchestratorEvent) => void;
  log?: Logger;
  /** Scheduler/client overrides for tests. */
  client?: Partial<GitHubClientOptions>;
  /** Replaces the registry (tests). */
  restorers?: readonly EntityRestorer[];
}

export interface RestoreRepositoryResult {
  results: RestoreOperationResult[];
  /** 0 everything restored, 1 something failed, 130 interrupted. */
  exitCode: 0 | 1 | 130;
  /** Dry runs only. */
  plan?: RestorePlan & { createsRepository: boolean };
  /** Every warning and per-item failure, prefixed with its job. */
  warnings: string[];
  target: TargetRepository | null;
  targetCreated: boolean;
  /** The journal used (null in a dry run). */
  journalPath: string | null;
  requests: RequestStats;
}

/** Issue and PR numbers in the backup; warns about selected numbers it lacks. */
async function scanNumbers(
  backup: BackupSource,
  selection: RestoreSelection,
  warn: (message: string) => void,
): Promise<Set<number>> {
  const known = new Set<number>();
  const issues = new Set<number>();
  const pulls = new Set<number>();
  for await (const r of backup.readRecords<{ number: number }>("issues.jsonl")) {
    known.add(r.number);
    issues.add(r.number);
  }
  for await (const r of backup.readRecords<{ number: number }>("pull_requests.jsonl")) {
    known.add(r.number);
    pulls.add(r.number);
  }
  const check = (label: string, sel: NumberSelection, present: Set<number>, used: boolean) => {
    if (!used || sel.kind !== "some") return;
    if (selectionSize(sel) > 100_000) return;
    const missing: number[] = [];
    for (const n of selectionNumbers(sel)) if (!present.has(n)) missing.push(n);
    if (missing.length === 0) return;
    const shown = missing.slice(0, 20).join(", ");
    const more = missing.length > 20 ? ` and ${missing.length - 20} more` : "";
    warn(
      `${label}: ${missing.length === 1 ? "number" : "numbers"} ${shown}${more} ${missing.length === 1 ? "is" : "are"} not in the backup`,
    );
  };
  const used = (parent: EntityName) => familyOf(parent).some((name) => selection.entities.has(name));
  check("--issues", selection.issues, issues, used("issues"));
  check("--pull-requests", selection.pullRequests, pulls, used("pull_requests"));
  return known;
}

export class RestoreRepositoryUseCase {
  async execute(request: RestoreRepositoryRequest): Promise<RestoreRepositoryResult> {
    const log = request.log ?? silentLogger;
    const signal = request.signal ?? new AbortController().signal;
    const dryRun = request.dryRun ?? false;
    const warnings = new RestoreWarnings(log);
    const warn = (message: string) => warnings.warn(message);

    const backup = await openBackup(request.backupDir);
    for (const w of backup.warnings) warn(w);
    const client = restoreClient(request, log, signal, dryRun);
    // The target: nothing is written before it is known to be usable.
    const found = await findTarget(client, request.target, request.createRepo, signal);
    const missing = found === null;
    let created: TargetRepository | null = null;
    // The journal lives outside the backup, named by the target's id: a missing
    // target is created first (once the state folder is known to be writable).
    const { journal, file, path } = await openRestoreState({
      backupDir: request.backupDir,
      target: request.target,
      targetId: found?.id ?? null,
      apiUrl: client.apiUrl,
      statePath: request.statePath,
      stateDir: request.stateDir,
      dryRun,
      warn,
      ...(missing && !dryRun
        ? {
            createTarget: async () => {
              created = await createMissingTarget(client, request, signal, log);
              return created;
            },
          }
        : {}),
    });
    const { targetRepo, useImportApi } = await prepareTarget(
      client,
      request,
      found ?? created,
      dryRun,
      signal,
      log,
    ).catch(async (error: unknown) => {
      await file?.close();
      throw error;
    });

    const known = await scanNumbers(backup, request.selection, warn);
    const references = referenceMap(journal, known, backup, targetRepo);
    const actions: PlannedAction[] = [];
    const shared = sharedContext(request, {
      client,
      backup,
      targetRepo,
      missing,
      dryRun,
      useImportApi,
      journal,
      references,
      reactions: request.selection.entities.has("reactions")
        ? await ReactionCounts.read(backup.readRecords<ReactionRecord>(REACTIONS_FILE))
        : null,
      attachments: await attachmentRewriter(backup, request.selection, targetRepo),
      plan: (action) => {
        actions.push(action);
      },
      log,
    });

    const restorers = await selectedRestorers(request);
    const present = await restorersWithData(restorers, backup, warnings);
    const jobs = restoreJobs(restorers, present, shared, references, warnings);
    const run = await runJobs(jobs, { signal, ...(request.onEvent ? { onEvent: request.onEvent } : {}) });
    await file?.close();

    const results = restoreResults(run, restorers, present, client.redact);
    const result: RestoreRepositoryResult = {
      results,
      exitCode: restoreExitCode(results, run.cancelled || signal.aborted),
      warnings: warnings.list,
      target: targetRepo,
      targetCreated: missing && !dryRun,
      journalPath: dryRun ? null : path,
      requests: client.stats(),
    };
    if (dryRun)
      result.plan = {
        ...summarisePlan(actions, pacingOf(request.contentLimits)),
        createsRepository: missing,
      };
    return result;
  }
}

/** The selected types' restorers, in the registry's order. */
async function selectedRestorers(request: RestoreRepositoryRequest): Promise<EntityRestorer[]> {
  const entities = request.selection.entities;
  // The jobs' code is loaded on demand; tests inject their own list.
  const registry = request.restorers ?? (await restorersFor(entities));
  // A restorer that changes how the target behaves waits for every content job.
  return registry
    .filter((r) => entities.has(r.name))
    .map((r) => (r.afterContent ? { ...r, dependsOn: [...new Set([...r.dependsOn, ...CONTENT_JOBS])] } : r));
}

/** How references in bodies are rewritten: by the journal's new numbers, for numbers the backup holds. */
function referenceMap(
  journal: RestoreJournal,
  known: ReadonlySet<number>,
  backup: BackupSource,
  targetRepo: TargetRepository | null,
): ReferenceMap {
  return {
    newNumberOf: (n) => journal.newNumberOf(n),
    isKnown: (n) => known.has(n),
    source: backup.origin,
    targetWebUrl: targetRepo?.htmlUrl || null,
  };
}

interface RunFacts {
  client: GitHubClient;
  backup: BackupSource;
  targetRepo: TargetRepository | null;
  /** The target did not exist when the run began. */
  missing: boolean;
  dryRun: boolean;
  useImportApi: boolean;
  journal: RestoreJournal;
  references: ReferenceMap;
  /** Reaction counts for the attribution blocks, when reactions are restored. */
  reactions: ReactionCounts | null;
  /** Rewrites attachment links to their re-hosted copies (null: attachments not restored). */
  attachments: ((text: string) => string) | null;
  plan: (action: PlannedAction) => void;
  log: Logger;
}

/** What every job's context holds. */
function sharedContext(request: RestoreRepositoryRequest, facts: RunFacts): SharedRestoreContext {
  const { backup, missing, dryRun } = facts;
  return {
    client: facts.client,
    target: request.target,
    targetRepo: facts.targetRepo,
    targetState: missing ? (dryRun ? "missing" : "created") : "existing",
    mayHaveRestoredObjects: !missing,
    useImportApi: facts.useImportApi,
    source: backup.origin,
    backupFormat: backup.format,
    backupDir: request.backupDir,
    selection: request.selection,
    options: {
      labelConflict: request.labelConflict ?? "skip",
      importApi: request.importApi ?? "auto",
      dryRun,
      inviteCollaborators: request.inviteCollaborators ?? false,
      webhooks: request.webhooks ?? false,
      discussionCategory: request.discussionCategory ?? null,
    },
    journal: facts.journal,
    bodies: createBodyRewriter({
      references: facts.references,
      attachments: facts.attachments,
      ...(facts.reactions ? { reactionLine: (kind, id) => facts.reactions?.lineFor(kind, id) ?? null } : {}),
    }),
    readRecords: <T>(f: string) => backup.readRecords<T>(f),
    hasFile: (f) => backup.hasFile(f),
    plan: facts.plan,
    log: facts.log,
  };
}
