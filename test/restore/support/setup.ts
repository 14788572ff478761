// Shared set-up for every restore test: temporary folders, a saved backup of
// a dataset fake's repository, restore requests into another repository of
// the same fake, and a comparable snapshot of a repository's issue side.
// fixtures.ts builds hand-made backups and an empty fake; pull-side.ts adds
// git and the pull-request side; views.ts compares pull requests.
import { mkdtempSync, rmSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type FakeGitHub, findRepo } from "../../../fake-github/index.js";
import { addToken } from "../../../fake-github/store/create-store.js";
import type { FakeIssue, FakeRepo, FakeStore } from "../../../fake-github/store/types.js";
import { issueCommentsRestorer } from "../../../src/entities/issue_comments/restore.js";
import { issuesRestorer } from "../../../src/entities/issues/restore.js";
import { labelsRestorer } from "../../../src/entities/labels/restore.js";
import { milestonesRestorer } from "../../../src/entities/milestones/restore.js";
import type { EntityName } from "../../../src/entities/names.js";
import { subIssuesRestorer } from "../../../src/entities/sub_issues/restore.js";
import { markerOf, stripRestoreDecorations } from "../../../src/restore/bodies.js";
import { type ReferenceMap, rewriteReferences } from "../../../src/restore/references.js";
import {
  type RestoreRepositoryRequest,
  type RestoreRepositoryResult,
  RestoreRepositoryUseCase,
} from "../../../src/restore/restore-repository.js";
import { SaveRepositoryUseCase } from "../../../src/save/save-repository.js";
import { type BackupRecords, recordsOf, writeBackup } from "./backup-from-store.js";

export const ISSUE_SIDE: EntityName[] = ["labels", "milestones", "issues", "issue_comments", "sub_issues"];
/** The issue-side restorers, imported directly so these tests do not depend on the pull-request side. */
export const ISSUE_RESTORERS = [
  labelsRestorer,
  milestonesRestorer,
  issuesRestorer,
  issueCommentsRestorer,
  subIssuesRestorer,
];
export const SOURCE = { owner: "octo-org", repo: "sample" };

const roots: string[] = [];
export function tempDir(prefix = "gd-restore-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  roots.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of roots.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export const fastScheduler = {
  backoff: { baseMs: 1, capMs: 5 },
  rateLimitResetMarginMs: 0,
  secondaryFallbackMs: 50,
};

/**
 * A backup of octo-org/sample's issue side (plus pull requests, whose numbers
 * bodies mention). `real`: made by SaveRepositoryUseCase (the round trip);
 * otherwise written from the fake's store with the record writers, so tests
 * of restore alone do not depend on the save side.
 */
export async function saveBackup(
  fake: FakeGitHub,
  entities: readonly EntityName[] = [...ISSUE_SIDE, "pull_requests"],
  options: { real?: boolean } = {},
): Promise<string> {
  const dir = join(tempDir(), "backup");
  if (options.real) {
    const result = await new SaveRepositoryUseCase().execute({
      repo: SOURCE,
      outDir: dir,
      token: fake.token,
      apiUrl: fake.url,
      selection: { entities: new Set(entities), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      client: { schedulerOptions: fastScheduler },
    });
    if (result.exitCode !== 0) throw new Error(`save failed: ${JSON.stringify(result.results)}`);
    return dir;
  }
  await mkdir(dir, { recursive: true });
  const all = recordsOf(fake.store, repoOf(fake, SOURCE.repo), fake.url);
  const picked: Partial<BackupRecords> = {};
  for (const e of entities) if (e in all) Object.assign(picked, { [e]: all[e as keyof BackupRecords] });
  await writeBackup(dir, picked, { ...SOURCE, apiUrl: fake.url });
  return dir;
}

/** Lets every dataset person be assigned in any repository (they need push access on GitHub). */
export function makeEveryoneAssignable(store: FakeStore): void {
  for (const user of store.users.values()) {
    if (user.type !== "User") continue;
    addToken(store, `tok-assignable-${user.login}`, { userId: user.id, write: "*" });
  }
}

/** What every test's restore request starts from: the issue side of `backupDir` into `owner/target`, unpaced, retrying fast. */
export function baseRequest(
  server: { url: string; token: string },
  owner: string,
  backupDir: string,
  target: string,
): RestoreRepositoryRequest {
  return {
    backupDir,
    target: { owner, repo: target },
    token: server.token,
    apiUrl: server.url,
    selection: { entities: new Set(ISSUE_SIDE), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    restorers: ISSUE_RESTORERS,
    contentLimits: { minWriteIntervalMs: 0, contentPerMinute: 1_000_000, contentPerHour: 1_000_000 },
    client: { schedulerOptions: fastScheduler },
  };
}

/** A restore of the issue side into octo-org/`target` of the dataset fake, overwriting labels. */
export function restoreRequest(
  fake: FakeGitHub,
  backupDir: string,
  target: string,
  extra: Partial<RestoreRepositoryRequest> = {},
): RestoreRepositoryRequest {
  return { ...baseRequest(fake, "octo-org", backupDir, target), labelConflict: "overwrite", ...extra };
}

export function restore(request: RestoreRepositoryRequest): Promise<RestoreRepositoryResult> {
  return new RestoreRepositoryUseCase().execute(request);
}

export function repoOf(fake: FakeGitHub, name: string): FakeRepo {
  const repo = findRepo(fake.store, "octo-org", name);
  if (!repo) throw new Error(`no repository octo-org/${name}`);
  return repo;
}

export function plainIssues(repo: FakeRepo): FakeIssue[] {
  return [...repo.issues.values()].filter((i) => i.pull === null).sort((a, b) => a.number - b.number);
}

/** Source number → target number, through the markers of the restored issues. */
export function numberMap(source: FakeRepo, target: FakeRepo): Map<number, number> {
  const byId = new Map(plainIssues(source).map((i) => [String(i.id), i.number]));
  const map = new Map<number, number>();
  for (const issue of plainIssues(target)) {
    const original = markerOf(issue.body, "issue");
    const n = original === null ? undefined : byId.get(original);
    if (n !== undefined) map.set(n, issue.number);
  }
  return map;
}

/** The text a restored body should show once its decorations are stripped. */
export function expectedText(
  body: string | null,
  source: FakeRepo,
  numbers: Map<number, number>,
  baseUrl: string,
): string {
  const refs: ReferenceMap = {
    newNumberOf: (n) => numbers.get(n),
    isKnown: (n) => source.issues.has(n),
    source: { owner: SOURCE.owner, repo: SOURCE.repo, webUrl: `${baseUrl}/${SOURCE.owner}/${SOURCE.repo}` },
    targetWebUrl: null,
  };
  return stripRestoreDecorations(`<!-- github-data:x:1 -->\n\n${rewriteReferences(body ?? "", refs).text}`);
}

export interface IssueView {
  title: string;
  state: string;
  state_reason: string | null;
  locked: boolean;
  lock_reason: string | null;
  labels: string[];
  milestone: string | null;
  assignees: string[];
  comments: string[];
  children: number[];
}

/** The issue side of a repository keyed by the SOURCE number, bodies stripped of restore decorations. */
/**
 * An issue's (or PR's) text and conversation with continuation comments
 * (restore's parts of a text too long for one body) joined back onto the
 * text they continue: the issue's own, or the comment just before them.
 */
export function joinContinuations(
  issueBody: string | null,
  comments: ReadonlyArray<{ body: string | null }>,
  text: (body: string | null) => string,
): { body: string; comments: string[] } {
  let body = text(issueBody);
  const out: string[] = [];
  for (const c of comments) {
    const part = markerOf(c.body, "continuation");
    if (part === null) out.push(text(c.body));
    else if (/^(issue|pull_request)\./.test(part)) body += text(c.body);
    else out[out.length - 1] += text(c.body);
  }
  return { body, comments: out };
}

export function issueView(
  store: FakeStore,
  repo: FakeRepo,
  toSource: (issue: FakeIssue) => number | undefined,
  text: (body: string | null) => string,
): Map<number, IssueView & { body: string }> {
  const out = new Map<number, IssueView & { body: string }>();
  const login = (id: number) => store.users.get(id)?.login ?? "?";
  const byId = new Map([...repo.issues.values()].map((i) => [i.id, i]));
  for (const issue of plainIssues(repo)) {
    const n = toSource(issue);
    if (n === undefined) continue;
    const raw = repo.comments
      .filter((c) => c.issue_number === issue.number)
      .sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id - b.id));
    const { body, comments } = joinContinuations(issue.body, raw, text);
    out.set(n, {
      title: issue.title,
      body,
      state: issue.state,
      state_reason: issue.state_reason,
      locked: issue.locked,
      lock_reason: issue.active_lock_reason,
      labels: issue.labelIds.map((id) => repo.labels.find((l) => l.id === id)?.name ?? "?").sort(),
      milestone: repo.milestones.find((m) => m.number === issue.milestoneNumber)?.title ?? null,
      assignees: issue.assigneeIds.map(login).sort(),
      comments,
      children: issue.subIssueIds
        .map((id) => byId.get(id))
        .filter((c): c is FakeIssue => c !== undefined)
        .map((c) => toSource(c) ?? -1),
    });
  }
  return out;
}
