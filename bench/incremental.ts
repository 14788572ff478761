// `npm run bench:incremental`: save --incremental on `large` against a full
// save, at the headline latency (300 ms ± 60). A full save, then about 1% of
// the items changed (edits, new comments, closes, deleted comments and issues,
// review comment edits), then an incremental save into the same folder, a
// fresh full save of the changed state (whose files it must equal), and
// incremental saves with nothing changed, the last with --verify-full. Prints
// requests, time and the ratios, and writes them to
// bench/results/incremental.json. The git mirror, wiki and LFS objects are
// saved too (git's traffic is not API requests); their jobs' times are printed
// apart.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findRepo, startFakeGitHub } from "../fake-github/index.js";
import { deleteIssue } from "../fake-github/store/mutations/removals.js";
import { makeNodeId } from "../fake-github/store/node-id.js";
import type { FakeRepo } from "../fake-github/store/types.js";
import { useWallClock } from "../fake-github/store/wall-clock.js";
import { ENTITY_NAMES, type EntityName } from "../src/entities/names.js";
import { SaveRepositoryUseCase } from "../src/save/save-repository.js";

const OWNER = "octo-org";
const REPO = "sample";
const CHANGED_SHARE = 0.01;

interface Run {
  requests: number;
  ms: number;
  notModified: number;
  /** Requests of the types with incremental paths of their own (reactions, attachments, discussions, wiki). */
  ownPaths: number;
  byJob: Record<string, number>;
  /** Each job's time (ms). */
  msByJob: Record<string, number>;
  /** GraphQL batches split in halves (GitHub could not answer them whole). */
  splits: number;
}

const OWN_PATHS = new Set(["reactions", "attachments", "discussions", "wiki", "lfs_objects"]);
const MIRROR_JOBS = ["git_repo", "wiki", "lfs_objects"];

async function entityFiles(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).filter((f) => f.endsWith(".jsonl")).sort()) {
    out[name] = await readFile(join(dir, name), "utf8");
  }
  return out;
}

async function main(): Promise<void> {
  const fake = await startFakeGitHub({ dataset: "large", seed: 1, latencyMs: 300, jitterMs: 60, git: true });
  useWallClock(fake.store);
  const root = await mkdtemp(join(tmpdir(), "gd-bench-incremental-"));
  const entities = new Set<EntityName>(ENTITY_NAMES);
  const save = async (outDir: string, incremental: boolean, verifyFull = false): Promise<Run> => {
    fake.resetStats();
    let splits = 0;
    const count = (message: string) => {
      if (message.includes("splitting it")) splits++;
    };
    const started = performance.now();
    const result = await new SaveRepositoryUseCase().execute({
      repo: { owner: OWNER, repo: REPO },
      outDir,
      token: fake.token,
      apiUrl: fake.url,
      selection: { entities, issues: { kind: "all" }, pullRequests: { kind: "all" } },
      incremental,
      verifyFull,
      log: { debug: count, info: count, warn: count, error: count },
    });
    if (result.exitCode !== 0) {
      const failed = result.results.filter((r) => r.error !== null).map((r) => `${r.name}: ${r.error}`);
      throw new Error(`save into ${outDir} ended with ${result.exitCode}: ${failed.join("; ")}`);
    }
    return {
      requests: result.requests.requests,
      ms: performance.now() - started,
      notModified: fake.stats.byStatus[304] ?? 0,
      ownPaths: result.results.filter((r) => OWN_PATHS.has(r.name)).reduce((sum, r) => sum + r.requests, 0),
      byJob: Object.fromEntries(
        result.results.filter((r) => r.requests > 0).map((r) => [r.name, r.requests]),
      ),
      msByJob: Object.fromEntries(result.results.map((r) => [r.name, Math.round(r.durationMs)])),
      splits,
    };
  };
  try {
    const dir = join(root, "backup");
    const full = await save(dir, false);
    const changes = changeOnePercent(fake.store, findRepo(fake.store, OWNER, REPO) as FakeRepo);
    const incremental = await save(dir, true);
    const fresh = await save(join(root, "fresh"), false);
    const identical =
      JSON.stringify(await entityFiles(dir)) === JSON.stringify(await entityFiles(join(root, "fresh")));
    // The fresh full save downloaded the release assets, which moved their download counts: the
    // first run with no change of ours reads the releases again, the second is the steady state.
    const unchanged = await save(dir, true);
    const steady = await save(dir, true);
    const verified = await save(dir, true, true);
    const figures = {
      measured: new Date().toISOString(),
      dataset: "large",
      latency: "300 ms ± 60",
      changes,
      full,
      incremental,
      fresh_full_after_changes: fresh,
      no_change_but_download_counts: unchanged,
      no_change: steady,
      verify_full_no_change: verified,
      identical_to_fresh_full_save: identical,
      requests_ratio: incremental.requests / full.requests,
      time_ratio: incremental.ms / full.ms,
    };
    const mirrors = (r: Run) =>
      MIRROR_JOBS.map((job) => `${job} ${((r.msByJob[job] ?? 0) / 1000).toFixed(2)} s`).join(", ");
    const line = (name: string, r: Run) =>
      `${name.padEnd(26)} ${String(r.requests).padStart(6)} requests  ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${r.notModified} × 304  (${r.ownPaths} of them reactions, attachments, discussions, wiki)  [${mirrors(r)}]`;
    process.stdout.write(
      [
        `large, 300 ms ± 60, ${changes.total} items changed (${(CHANGED_SHARE * 100).toFixed(0)}%)`,
        line("full save", full),
        line("incremental (1% changed)", incremental),
        line("fresh full save after", fresh),
        line("incremental (downloads only)", unchanged),
        line("incremental (no change)", steady),
        line("--verify-full (no change)", verified),
        `incremental / full: requests ${(figures.requests_ratio * 100).toFixed(1)}%, time ${(figures.time_ratio * 100).toFixed(1)}%`,
        `entity files identical to the fresh full save: ${identical ? "yes" : "NO"}`,
        "",
      ].join("\n"),
    );
    const out = resolve("bench/results");
    await mkdir(out, { recursive: true });
    await writeFile(join(out, "incremental.json"), `${JSON.stringify(figures, null, 2)}\n`);
  } finally {
    await fake.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** About 1% of the issues, pull requests and comments changed, in every kind the incremental save must notice. */
function changeOnePercent(store: Parameters<typeof deleteIssue>[0], repo: FakeRepo) {
  const items = [...repo.issues.values()].sort((a, b) => a.number - b.number);
  const issues = items.filter((i) => i.pull === null);
  const budget = Math.round(items.length * CHANGED_SHARE);
  const step = Math.max(1, Math.floor(issues.length / budget));
  const picked = issues.filter((_, i) => i % step === 0).slice(0, budget);
  const counts = {
    edited: 0,
    commented: 0,
    closed: 0,
    commentsDeleted: 0,
    deleted: 0,
    reviewCommentsEdited: 0,
  };
  for (const [i, issue] of picked.entries()) {
    switch (i % 6) {
      case 0:
        issue.title = `${issue.title} (edited)`;
        issue.updated_at = store.now();
        counts.edited++;
        break;
      case 1: {
        const now = store.now();
        const id = store.nextId();
        repo.comments.push({
          id,
          node_id: makeNodeId("IC", id),
          issue_number: issue.number,
          body: "a new comment",
          userId: issue.userId,
          created_at: now,
          updated_at: now,
          author_association: "NONE",
        });
        issue.updated_at = now;
        counts.commented++;
        break;
      }
      case 2:
        if (issue.state === "open") {
          issue.state = "closed";
          issue.state_reason = "completed";
          issue.closed_at = store.now();
          issue.updated_at = issue.closed_at;
          counts.closed++;
        }
        break;
      case 3: {
        const index = repo.comments.findIndex((c) => c.issue_number === issue.number);
        if (index >= 0) {
          repo.comments.splice(index, 1);
          counts.commentsDeleted++;
        }
        break;
      }
      case 4:
        deleteIssue(store, repo, issue.number);
        counts.deleted++;
        break;
      default: {
        const comment = repo.reviewComments[i];
        if (comment) {
          comment.body = `${comment.body} (edited)`;
          comment.updated_at = store.now();
          counts.reviewCommentsEdited++;
        }
      }
    }
  }
  return { ...counts, total: Object.values(counts).reduce((a, b) => a + b, 0) };
}

await main();
