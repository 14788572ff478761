// Set-up for the pull-request-side restore tests: a fake GitHub serving git,
// a real save of its octo-org/sample repository, restores into new
// repositories of the same fake, and views of a fake repository keyed by the
// original objects (found through the restore's hidden markers).
import { execFileSync } from "node:child_process";
import { isolatedGitEnv } from "../../../fake-github/git/create-bare-repo.js";
import { type DatasetName, type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeIssue, FakeRepo } from "../../../fake-github/store/types.js";
import { gitRepoRestorer } from "../../../src/entities/git_repo/restore.js";
import { labelsRestorer } from "../../../src/entities/labels/restore.js";
import { milestonesRestorer } from "../../../src/entities/milestones/restore.js";
import type { EntityName } from "../../../src/entities/names.js";
import { prCommentsRestorer } from "../../../src/entities/pr_comments/restore.js";
import { prReviewCommentsRestorer } from "../../../src/entities/pr_review_comments/restore.js";
import { prReviewsRestorer } from "../../../src/entities/pr_reviews/restore.js";
import { pullRequestsRestorer } from "../../../src/entities/pull_requests/restore.js";
import { releasesRestorer } from "../../../src/entities/releases/restore.js";
import { markerOf } from "../../../src/restore/bodies.js";
import type { RestoreRepositoryRequest } from "../../../src/restore/restore-repository.js";
import type { EntityRestorer, ObjectKind } from "../../../src/restore/types.js";
import {
  ISSUE_RESTORERS,
  ISSUE_SIDE,
  restoreRequest as issueSideRequest,
  saveBackup as saveSample,
  tempDir,
} from "./setup.js";

// What both restore suites share lives in the issue side's helpers.
export {
  makeEveryoneAssignable,
  removeTempDirs,
  repoOf,
  restore,
  SOURCE,
  tempDir,
} from "./setup.js";

/** What these tests restore: the pull-request side, plus labels and milestones it refers to. */
export const PR_SIDE: EntityName[] = [
  "labels",
  "milestones",
  "pull_requests",
  "pr_comments",
  "pr_reviews",
  "pr_review_comments",
  "releases",
  "release_assets",
  "git_repo",
];
export const PR_RESTORERS: EntityRestorer[] = [
  labelsRestorer,
  milestonesRestorer,
  gitRepoRestorer,
  pullRequestsRestorer,
  prCommentsRestorer,
  prReviewsRestorer,
  prReviewCommentsRestorer,
  releasesRestorer,
];

/**
 * The fake with `dataset` and git. Repositories created through its API get a
 * bare repository only when `store.gitRoot` is set, which the server does not
 * do itself (yet): the test sets it.
 */
/** Both sides: issues and their comments as well as pull requests, reviews and releases. */
export const BOTH_SIDES: EntityName[] = [...new Set([...ISSUE_SIDE, ...PR_SIDE])];
export const BOTH_RESTORERS: EntityRestorer[] = [...new Set([...ISSUE_RESTORERS, ...PR_RESTORERS])];

/** restoreRequest for both sides. */
export function bothSidesRequest(
  fake: FakeGitHub,
  backupDir: string,
  target: string,
): RestoreRepositoryRequest {
  return restoreRequest(fake, backupDir, target, {
    selection: { entities: new Set(BOTH_SIDES), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    restorers: BOTH_RESTORERS,
  });
}

export async function startFake(dataset: DatasetName, seed = 1): Promise<FakeGitHub> {
  const fake = await startFakeGitHub({ dataset, seed, git: true });
  fake.store.gitRoot ??= tempDir("gd-restore-pr-git-");
  return fake;
}

/** A real save of octo-org/sample (everything, with the git mirror and asset files). */
export function saveBackup(fake: FakeGitHub): Promise<string> {
  return saveSample(fake, [...PR_SIDE, "issues"], { real: true });
}

export function restoreRequest(
  fake: FakeGitHub,
  backupDir: string,
  target: string,
  extra: Partial<RestoreRepositoryRequest> = {},
): RestoreRepositoryRequest {
  return issueSideRequest(fake, backupDir, target, {
    selection: { entities: new Set(PR_SIDE), issues: { kind: "all" }, pullRequests: { kind: "all" } },
    importApi: "never",
    restorers: PR_RESTORERS,
    // GitHub's own content pacing, unlike the issue side's tests.
    contentLimits: { minWriteIntervalMs: 0 },
    ...extra,
  });
}

export function pulls(repo: FakeRepo): FakeIssue[] {
  return [...repo.issues.values()].filter((i) => i.pull !== null).sort((a, b) => a.number - b.number);
}

/** Target objects by the original id in their marker. */
export function byMarker<T extends { body: string | null }>(
  items: readonly T[],
  kind: ObjectKind,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const item of items) {
    const id = markerOf(item.body, kind);
    if (id !== null) out.set(id, item);
  }
  return out;
}

/** `git for-each-ref` of a bare repository: ref → sha. */
export function gitRefs(gitDir: string): Map<string, string> {
  const out = execFileSync("git", ["for-each-ref", "--format=%(objectname) %(refname)"], {
    cwd: gitDir,
    env: isolatedGitEnv(),
    encoding: "utf8",
  });
  return new Map(
    out
      .split("\n")
      .filter(Boolean)
      .map((line) => {
        const [sha, ref] = line.split(" ");
        return [ref as string, sha as string];
      }),
  );
}

/** Requests that write (anything but GET/HEAD) in the fake's stats. */
export function writeRequests(fake: FakeGitHub): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [route, count] of Object.entries(fake.stats.byRoute)) {
    if (!/^(GET|HEAD) /.test(route)) out[route] = count;
  }
  return out;
}
