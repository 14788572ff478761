// The restore benchmark: a restore of `medium` (every type whose restore
// creates content, CONTENT_TYPES) into a new repository of the fake (created
// with discussions on and its wiki's first page, restore-target.ts),
// with GitHub's content-creation limits on (80 a minute, 500 an hour, 1 s
// apart) on a clock `scale` times faster — the fake's windows and the
// client's pacing shrunk alike. It reports the share of the content budget
// the run used, failed items, the dry run's estimate against the measured
// time (both at the scaled limits, by the same code), and the Issue Import
// API against the plain endpoints in issues per content-creating request.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../fake-github/index.js";
import { addToken } from "../fake-github/store/create-store.js";
import { CONTENT_TYPES } from "../src/entities/index.js";
import type { EntityName } from "../src/entities/names.js";
import { budgetCapacity, GITHUB_PACING, type PacingLimits, pacedSeconds } from "../src/restore/estimate.js";
import {
  type RestoreRepositoryRequest,
  type RestoreRepositoryResult,
  RestoreRepositoryUseCase,
} from "../src/restore/restore-repository.js";
import { SaveRepositoryUseCase } from "../src/save/save-repository.js";
import { parseNumberSpec } from "../src/selection/number-spec.js";
import { type PhaseHooks, watchPhase } from "./phase-watchdog.js";
import { prepareTarget } from "./restore-target.js";

const OWNER = "octo-org";
const SOURCE = "sample";
/** Issues compared between the two issue paths (a slice of medium keeps the unpaced runs short). */
const PATH_ISSUES = "1-400";
/**
 * The unpaced runs lift every pacing of the client, not only the content
 * limits: the per-minute points budgets run on GitHub's clock there, and a
 * restore's 181st write to one route (5 points each, 900 a minute) would wait
 * for a real minute.
 */
const UNPACED: Partial<RestoreRepositoryRequest> = {
  contentLimits: { minWriteIntervalMs: 0, contentPerMinute: 1e9, contentPerHour: 1e9 },
  client: { budgets: { restPointsPerMinute: 1e9, graphqlPointsPerMinute: 1e9 } },
};
/** An unpaced phase without a request for this long is stuck (git work between requests takes seconds). */
const UNPACED_QUIET_MS = 120_000;

/** The hooks a watched phase gives its restore. */
function hooked(hooks: PhaseHooks): Partial<RestoreRepositoryRequest> {
  return { signal: hooks.signal, log: hooks.log, onEvent: hooks.onEvent };
}

export interface RestoreBenchOptions {
  dataset: "small" | "medium" | "tricky";
  seed: number;
  /**
   * The clock runs this many times faster than GitHub's: a 60 s minute lasts
   * 60/scale s. "auto": as fast as keeps the restore's own work (its unpaced
   * time) at a quarter of the scaled budget time, about where it is on GitHub
   * (some 2 s of requests per item against 7.3 s of hourly budget per write).
   */
  scale: number | "auto";
  log: (line: string) => void;
  /** Issue and pull-request numbers restored (with their children); default all. */
  numbers?: string;
  /** Issues compared between the two issue paths (default 1-400). */
  pathIssues?: string;
}

export interface PathFigures {
  issues: number;
  comments: number;
  contentCreating: number;
  /** Issues restored per content-creating request. */
  issuesPerRequest: number;
}

export interface RestoreBenchFigures {
  dataset: string;
  /** The numbers restored ("all" or a selection). */
  numbers: string;
  scale: number;
  /** The same restore unpaced: the restore's own work, which the budget should hide. */
  unpacedSeconds: number;
  limits: PacingLimits;
  /** Content-creating requests GitHub accepted during the restore (the fake's count). */
  contentCreating: number;
  /** The dry run's count of the same. */
  planned: number;
  measuredSeconds: number;
  /** The dry run's estimate at the scaled limits. */
  estimatedSeconds: number;
  /** (measured − estimate) / estimate. */
  estimateError: number;
  /** Content-creating requests / what the limits allow in the measured time. */
  budgetShare: number;
  failedItems: number;
  failedJobs: string[];
  secondaryLimitHits: number;
  rateLimitWaits: number;
  requests: number;
  /** At GitHub's real limits: the dry run's estimate (hours) and the measured time scaled back. */
  githubEstimateHours: number;
  githubMeasuredHours: number;
  /** Per job: when it started and ended, seconds from the restore's start. */
  jobs: Array<{ job: string; startS: number; endS: number }>;
  importApi: PathFigures;
  plain: PathFigures;
  /** The longest pause between two content-creating requests, in seconds. */
  longestGapS: number;
}

/** The fastest clock at which the restore's own work stays at a quarter of the budget's time (20…360). */
export function autoScale(contentCreating: number, unpacedSeconds: number): number {
  const scale = pacedSeconds(contentCreating) / (4 * Math.max(unpacedSeconds, 0.001));
  return Math.max(20, Math.min(360, Math.floor(scale)));
}

/** GitHub's content limits on a clock `scale` times faster. */
export function scaledPacing(scale: number): PacingLimits {
  return {
    ...GITHUB_PACING,
    windowMs: GITHUB_PACING.windowMs / scale,
    minWriteIntervalMs: GITHUB_PACING.minWriteIntervalMs / scale,
  };
}

function restoreRequest(
  fake: FakeGitHub,
  backupDir: string,
  target: string,
  numbers: string | undefined,
  extra: Partial<RestoreRepositoryRequest>,
): RestoreRepositoryRequest {
  const some =
    numbers === undefined ? ({ kind: "all" } as const) : parseNumberSpec(numbers, "--restore-numbers");
  return {
    backupDir,
    target: { owner: OWNER, repo: target },
    token: fake.token,
    apiUrl: fake.url,
    selection: { entities: new Set(CONTENT_TYPES), issues: some, pullRequests: some },
    ...extra,
  };
}

function failedItems(result: RestoreRepositoryResult): number {
  return result.results.reduce((sum, r) => sum + r.failed, 0);
}

/** Restores the issues and their comments of PATH_ISSUES unpaced through one path, counting its content requests. */
async function issuePath(
  fake: FakeGitHub,
  backupDir: string,
  stateDir: string,
  importApi: "auto" | "never",
  numbers: string,
): Promise<PathFigures> {
  fake.configure({ secondary: null, rateLimit: null });
  fake.resetStats();
  const result = await watchPhase(
    `the ${importApi === "auto" ? "Issue Import API" : "plain"} path`,
    fake,
    UNPACED_QUIET_MS,
    (hooks) =>
      new RestoreRepositoryUseCase().execute(
        restoreRequest(fake, backupDir, `path-${importApi}`, undefined, {
          ...UNPACED,
          ...hooked(hooks),
          importApi,
          stateDir,
          selection: {
            entities: new Set<EntityName>(["labels", "milestones", "issues", "issue_comments"]),
            issues: parseNumberSpec(numbers, "bench"),
            pullRequests: { kind: "all" },
          },
        }),
      ),
  );
  const issues = result.results.find((r) => r.name === "issues")?.records ?? 0;
  // Imported comments are journalled by the issues job: count them in the target.
  const comments = findRepo(fake.store, OWNER, `path-${importApi}`)?.comments.length ?? 0;
  const content = fake.stats.contentCreated;
  return {
    issues,
    comments,
    contentCreating: content,
    issuesPerRequest: content === 0 ? 0 : issues / content,
  };
}

function longestGap(fake: FakeGitHub): number {
  const times = fake.stats.log
    .filter((e) => e.contentCreating && e.status >= 200 && e.status < 300)
    .map((e) => e.startedAt)
    .sort((a, b) => a - b);
  let gap = 0;
  for (let i = 1; i < times.length; i++) gap = Math.max(gap, (times[i] as number) - (times[i - 1] as number));
  return gap / 1000;
}

export async function restoreBench(options: RestoreBenchOptions): Promise<RestoreBenchFigures> {
  const { log } = options;
  const work = await mkdtemp(join(tmpdir(), "gd-restore-bench-"));
  const fake = await startFakeGitHub({ dataset: options.dataset, seed: options.seed, git: true });
  try {
    // Repositories the restore creates get a bare git repository too.
    fake.store.gitRoot ??= join(work, "git");
    // Every dataset person may be assigned anywhere (GitHub needs push access), so no assignee is dropped.
    for (const user of fake.store.users.values())
      if (user.type === "User")
        addToken(fake.store, `tok-bench-${user.login}`, { userId: user.id, write: "*" });
    const backupDir = join(work, "backup");
    const stateDir = join(work, "state");
    log(`[restore] saving ${options.dataset}…`);
    const saved = await new SaveRepositoryUseCase().execute({
      repo: { owner: OWNER, repo: SOURCE },
      outDir: backupDir,
      token: fake.token,
      apiUrl: fake.url,
      selection: { entities: new Set(CONTENT_TYPES), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    });
    if (saved.exitCode !== 0) throw new Error(`the save failed (exit ${saved.exitCode})`);

    log("[restore] the same restore unpaced (the restore's own work)…");
    await prepareTarget(fake, OWNER, "unpaced");
    fake.resetStats();
    const u0 = performance.now();
    const unpaced = await watchPhase("the unpaced restore", fake, UNPACED_QUIET_MS, (hooks) =>
      new RestoreRepositoryUseCase().execute(
        restoreRequest(fake, backupDir, "unpaced", options.numbers, {
          ...UNPACED,
          ...hooked(hooks),
          stateDir,
        }),
      ),
    );
    const unpacedSeconds = (performance.now() - u0) / 1000;
    const unpacedWrites = fake.stats.contentCreated;
    if (unpaced.exitCode !== 0) {
      log(`[restore] the unpaced restore ended with exit code ${unpaced.exitCode}:`);
      for (const warning of unpaced.warnings.slice(0, 10)) log(`  ${warning}`);
    }
    const scale = options.scale === "auto" ? autoScale(unpacedWrites, unpacedSeconds) : options.scale;
    log(`[restore] unpaced: ${unpacedSeconds.toFixed(1)} s for ${unpacedWrites} writes; clock ×${scale}`);
    const limits = scaledPacing(scale);
    const contentLimits = {
      contentPerMinute: limits.contentPerMinute,
      contentPerHour: limits.contentPerHour,
      windowMs: limits.windowMs,
      minWriteIntervalMs: limits.minWriteIntervalMs,
    };
    // GitHub's limits on the scaled clock, the primary hourly budget included.
    fake.configure({
      secondary: { windowMs: limits.windowMs },
      rateLimit: { windowMs: (GITHUB_PACING.windowMs * 60) / scale },
    });
    await prepareTarget(fake, OWNER, "restored");
    const request = restoreRequest(fake, backupDir, "restored", options.numbers, { stateDir, contentLimits });
    const dry = await watchPhase("the dry run", fake, UNPACED_QUIET_MS, (hooks) =>
      new RestoreRepositoryUseCase().execute({ ...request, ...hooked(hooks), dryRun: true }),
    );
    const plan = dry.plan;
    if (!plan) throw new Error("the dry run returned no plan");
    log(
      `[restore] dry run: ${plan.contentCreating} content-creating requests, ${plan.estimatedSeconds.toFixed(1)} s at 1/${scale} of GitHub's clock (${(pacedSeconds(plan.contentCreating) / 3600).toFixed(1)} h at GitHub's limits)`,
    );
    fake.configure({
      secondary: { windowMs: limits.windowMs },
      rateLimit: { windowMs: (GITHUB_PACING.windowMs * 60) / scale },
    });
    fake.resetStats();
    const jobs = new Map<string, { startS: number; endS: number }>();
    const t0 = performance.now();
    const since = () => (performance.now() - t0) / 1000;
    // Writes may wait out the rest of a (scaled) hour with nothing else to do.
    const pacedQuietMs = limits.windowMs * 60 + UNPACED_QUIET_MS;
    const result = await watchPhase("the paced restore", fake, pacedQuietMs, (hooks) =>
      new RestoreRepositoryUseCase().execute({
        ...request,
        ...hooked(hooks),
        onEvent: (event) => {
          hooks.onEvent(event);
          if (event.type === "started") jobs.set(event.job, { startS: since(), endS: Number.NaN });
          else if (event.type === "succeeded" || event.type === "failed") {
            const job = jobs.get(event.job);
            if (job) job.endS = since();
          }
        },
      }),
    );
    const measuredSeconds = since();
    const content = fake.stats.contentCreated;
    const gap = longestGap(fake);
    const share = content / budgetCapacity(measuredSeconds, limits);
    log(
      `[restore] restored in ${measuredSeconds.toFixed(1)} s: ${content} content-creating requests, ${(share * 100).toFixed(1)} % of the content budget, ${failedItems(result)} failed items`,
    );
    for (const warning of result.warnings.slice(0, 10)) log(`  ${warning}`);
    const target = findRepo(fake.store, OWNER, "restored");
    if (!target) throw new Error("the restore created no repository");

    log("[restore] the Issue Import API against the plain endpoints (unpaced)…");
    const importApi = await issuePath(fake, backupDir, stateDir, "auto", options.pathIssues ?? PATH_ISSUES);
    const plain = await issuePath(fake, backupDir, stateDir, "never", options.pathIssues ?? PATH_ISSUES);
    return {
      dataset: options.dataset,
      numbers: options.numbers ?? "all",
      scale,
      unpacedSeconds,
      limits,
      contentCreating: content,
      planned: plan.contentCreating,
      measuredSeconds,
      estimatedSeconds: plan.estimatedSeconds,
      estimateError: (measuredSeconds - plan.estimatedSeconds) / plan.estimatedSeconds,
      budgetShare: share,
      failedItems: failedItems(result),
      failedJobs: result.results.filter((r) => r.status !== "succeeded").map((r) => r.name),
      secondaryLimitHits: result.requests.secondaryLimitHits,
      rateLimitWaits: result.requests.rateLimitWaits,
      requests: result.requests.requests,
      githubEstimateHours: pacedSeconds(plan.contentCreating) / 3600,
      githubMeasuredHours: (measuredSeconds * scale) / 3600,
      jobs: [...jobs].map(([job, t]) => ({ job, ...t })).sort((a, b) => a.startS - b.startS),
      importApi,
      plain,
      longestGapS: gap,
    };
  } finally {
    await fake.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** The figures as the lines `npm run bench` prints and docs/performance.md shows. */
export function restoreTable(f: RestoreBenchFigures): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const s = (x: number) => `${x.toFixed(1)} s`;
  return [
    `| ${f.dataset} (${f.numbers === "all" ? "everything" : `numbers ${f.numbers}`}), clock ×${f.scale} | value | target |`,
    "| --- | ---: | --- |",
    `| content-creating requests (dry run planned) | ${f.contentCreating} (${f.planned}) | equal |`,
    `| share of the content budget used | ${pct(f.budgetShare)} | ≥ 90 % |`,
    `| failed items | ${f.failedItems} | 0 |`,
    `| measured time (scaled) | ${s(f.measuredSeconds)} | |`,
    `| the same restore unpaced (its own work) | ${s(f.unpacedSeconds)} | a quarter of the estimate |`,
    `| dry-run estimate (scaled) | ${s(f.estimatedSeconds)} | within 10 % |`,
    `| estimate error | ${pct(f.estimateError)} | |`,
    `| at GitHub's limits: estimate / measured × ${f.scale} | ${f.githubEstimateHours.toFixed(1)} h / ${f.githubMeasuredHours.toFixed(1)} h | |`,
    `| secondary-limit answers, primary-limit waits | ${f.secondaryLimitHits}, ${f.rateLimitWaits} | 0 |`,
    `| longest pause between two writes (scaled) | ${s(f.longestGapS)} | |`,
    `| issues per content request, Issue Import API (${f.importApi.issues} issues, ${f.importApi.comments} comments) | ${f.importApi.issuesPerRequest.toFixed(2)} | |`,
    `| issues per content request, plain endpoints | ${f.plain.issuesPerRequest.toFixed(2)} | |`,
  ];
}
