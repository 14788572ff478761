// The phase-based save, the "before" of the job-based plan: (0) check access,
// (1) collect every data type in parallel with 6 workers, (2) associate
// sub-issues with issues once everything is collected, (3) write every file
// (and clone the mirror, download the assets) in parallel with 6 workers.
// It shares the client and its scheduler with github-data, so only the
// orchestration and the collection strategy differ. Benchmark-only code.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { openAtomicFile, writeStreamAtomic } from "../../src/backup/atomic.js";
import { safeFileName } from "../../src/backup/safe-name.js";
import { createGitHubClient } from "../../src/github/client.js";
import type { RequestStats } from "../../src/github/stats.js";
import { runGit } from "../../src/util/git.js";
import {
  type CollectContext,
  type IssueLinks,
  listAll,
  type RepoRef,
  type RestObject,
  reviewsPerPull,
  subIssueLinks,
} from "./collect.js";
import { type PoolEvent, type PoolTask, runPool } from "./pool.js";

export interface PhaseSaveRequest {
  repo: RepoRef;
  outDir: string;
  token: string;
  apiUrl: string;
  /** The scheduler's bound (the same default as github-data's CLI). */
  concurrency: number;
  /** Workers per phase (the phase-based save used 6). */
  workers?: number;
  /** Job events, shaped like github-data's JSON event lines. */
  onEvent?: (line: Record<string, unknown>) => void;
}

export interface PhaseSaveResult {
  exitCode: 0 | 1;
  failures: Array<{ job: string; error: string }>;
  requests: RequestStats;
}

type Collected = Map<string, RestObject[]>;

function numberOf(item: RestObject): number {
  return typeof item.number === "number" ? item.number : 0;
}

function idOf(item: RestObject): number {
  return typeof item.id === "number" ? item.id : 0;
}

/** Writes records as sorted JSON Lines, fsynced and renamed into place like github-data's files. */
async function writeJsonl(dir: string, file: string, records: RestObject[], key: (r: RestObject) => number) {
  const sorted = [...records].sort((a, b) => key(a) - key(b));
  const out = await openAtomicFile(join(dir, file));
  try {
    for (const record of sorted) await out.write(`${JSON.stringify(record)}\n`);
    await out.commit();
  } catch (error) {
    await out.discard();
    throw error;
  }
}

export async function phaseSave(request: PhaseSaveRequest): Promise<PhaseSaveResult> {
  const workers = request.workers ?? 6;
  const client = createGitHubClient({
    token: request.token,
    apiUrl: request.apiUrl,
    concurrency: request.concurrency,
  });
  const ctx: CollectContext = { client, repo: request.repo };
  const { owner, repo } = request.repo;
  const failures: PhaseSaveResult["failures"] = [];
  const emit = (line: Record<string, unknown>) => request.onEvent?.(line);
  const report = (phase: string) => (event: PoolEvent) => {
    const job = phase ? `${phase} ${event.task}` : event.task;
    emit({
      time: event.at.toISOString(),
      level: event.type === "failed" ? "error" : "info",
      msg: `${job} ${event.type}`,
      event: event.type,
      job,
      ...(event.type === "failed" ? { error: event.error } : {}),
    });
    if (event.type === "failed") failures.push({ job, error: event.error });
  };
  const single = async <T>(job: string, run: () => Promise<T>): Promise<T> => {
    const [outcome] = await runPool([{ name: job, run }], 1, report(""));
    if (!outcome?.ok) throw outcome?.error;
    return outcome.value;
  };

  // Phase 0: access check (the repository also gives the clone URL).
  const repository = await single("check", async () => {
    const response = await client.octokit.request("GET /repos/{owner}/{repo}", { owner, repo });
    return response.data as RestObject;
  });
  await mkdir(request.outDir, { recursive: true });

  // Phase 1: collect every type, one task each, 6 at a time.
  let pulls: Promise<RestObject[]> | null = null;
  const pullList = () => {
    pulls ??= listAll(ctx, "GET /repos/{owner}/{repo}/pulls", { state: "all" });
    return pulls;
  };
  let links: IssueLinks[] = [];
  const collectTasks: PoolTask<[string, RestObject[]]>[] = [
    { name: "labels", run: async () => ["labels", await listAll(ctx, "GET /repos/{owner}/{repo}/labels")] },
    {
      name: "milestones",
      run: async () => [
        "milestones",
        await listAll(ctx, "GET /repos/{owner}/{repo}/milestones", { state: "all" }),
      ],
    },
    {
      name: "issues",
      run: async () => [
        "issues",
        (await listAll(ctx, "GET /repos/{owner}/{repo}/issues", { state: "all" })).filter(
          (i) => !("pull_request" in i),
        ),
      ],
    },
    {
      name: "comments",
      run: async () => ["comments", await listAll(ctx, "GET /repos/{owner}/{repo}/issues/comments")],
    },
    { name: "pull_requests", run: async () => ["pull_requests", await pullList()] },
    { name: "pr_reviews", run: async () => ["pr_reviews", await reviewsPerPull(ctx, await pullList())] },
    {
      name: "pr_review_comments",
      run: async () => ["pr_review_comments", await listAll(ctx, "GET /repos/{owner}/{repo}/pulls/comments")],
    },
    {
      name: "releases",
      run: async () => ["releases", await listAll(ctx, "GET /repos/{owner}/{repo}/releases")],
    },
    {
      name: "sub_issues",
      run: async () => {
        links = await subIssueLinks(ctx);
        return ["sub_issues", []];
      },
    },
  ];
  const collected: Collected = new Map();
  for (const outcome of await runPool(collectTasks, workers, report("collect"))) {
    if (outcome.ok) collected.set(outcome.value[0], outcome.value[1]);
  }
  const get = (name: string) => collected.get(name) ?? [];

  // Phase 2: associate sub-issues with the collected issues.
  const subIssues = await single("associate sub_issues", async () => {
    const known = new Set(get("issues").map(numberOf));
    const records: RestObject[] = [];
    for (const parent of links) {
      if (!known.has(parent.number)) continue;
      parent.children.forEach((child, position) => {
        records.push({
          parent_number: parent.number,
          parent_id: parent.id,
          sub_issue_number: child.number,
          sub_issue_id: child.id,
          position,
          sub_issue_repository: child.repository,
        });
      });
    }
    return records;
  });

  // Phase 3: write everything, 6 at a time.
  const dir = request.outDir;
  const comments = get("comments");
  const onPull = (c: RestObject) => typeof c.html_url === "string" && c.html_url.includes("/pull/");
  const writeTasks: PoolTask<void>[] = [
    {
      name: "git_repo",
      run: async () => {
        const cloneUrl = String(repository.clone_url);
        await runGit(["clone", "--mirror", "--quiet", cloneUrl, join(dir, "git-repo")], {
          authHeader: client.gitAuthHeader(),
          redact: client.redact,
        });
      },
    },
    { name: "labels", run: () => writeJsonl(dir, "labels.jsonl", get("labels"), idOf) },
    { name: "milestones", run: () => writeJsonl(dir, "milestones.jsonl", get("milestones"), numberOf) },
    { name: "issues", run: () => writeJsonl(dir, "issues.jsonl", get("issues"), numberOf) },
    {
      name: "issue_comments",
      run: () =>
        writeJsonl(
          dir,
          "issue_comments.jsonl",
          comments.filter((c) => !onPull(c)),
          idOf,
        ),
    },
    {
      name: "pull_requests",
      run: () => writeJsonl(dir, "pull_requests.jsonl", get("pull_requests"), numberOf),
    },
    { name: "pr_comments", run: () => writeJsonl(dir, "pr_comments.jsonl", comments.filter(onPull), idOf) },
    { name: "pr_reviews", run: () => writeJsonl(dir, "pr_reviews.jsonl", get("pr_reviews"), idOf) },
    {
      name: "pr_review_comments",
      run: () => writeJsonl(dir, "pr_review_comments.jsonl", get("pr_review_comments"), idOf),
    },
    {
      name: "releases",
      run: async () => {
        const releases = get("releases");
        // Assets one after another, as the release writer of that design.
        for (const release of releases) {
          const taken = new Set<string>();
          const assets = Array.isArray(release.assets) ? (release.assets as RestObject[]) : [];
          for (const asset of assets) {
            const path = join(
              dir,
              "release-assets",
              String(release.id),
              safeFileName(String(asset.name), taken),
            );
            await mkdir(join(path, ".."), { recursive: true });
            const response = await client.octokit.request(
              "GET /repos/{owner}/{repo}/releases/assets/{asset_id}",
              {
                owner,
                repo,
                asset_id: idOf(asset),
                headers: { accept: "application/octet-stream" },
                request: { parseSuccessResponseBody: false },
              },
            );
            await writeStreamAtomic(path, response.data as unknown as AsyncIterable<Uint8Array>);
          }
        }
        await writeJsonl(dir, "releases.jsonl", releases, idOf);
      },
    },
    {
      name: "sub_issues",
      run: () => writeJsonl(dir, "sub_issues.jsonl", subIssues, (r) => Number(r.parent_number)),
    },
  ];
  await runPool(writeTasks, workers, report("write"));

  return { exitCode: failures.length === 0 ? 0 : 1, failures, requests: client.stats() };
}
