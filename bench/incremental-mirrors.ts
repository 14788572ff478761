// `npm run bench:incremental-mirrors`: the git mirror, the wiki and the LFS
// objects alone on `large` (300 ms ± 60 per request): a full save, then
// incremental saves with nothing changed (6 unless RUNS says otherwise).
// Prints each job's time per run and the medians, the figures of
// docs/incremental.md ("The git mirror, the wiki and the LFS objects").
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGitHub } from "../fake-github/index.js";
import type { EntityName } from "../src/entities/names.js";
import { SaveRepositoryUseCase } from "../src/save/save-repository.js";
import { silentLogger } from "../src/util/logger.js";

const JOBS: EntityName[] = ["git_repo", "wiki", "lfs_objects"];
const RUNS = Number(process.env.RUNS ?? 6);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

async function main(): Promise<void> {
  const fake = await startFakeGitHub({ dataset: "large", seed: 1, latencyMs: 300, jitterMs: 60, git: true });
  const root = await mkdtemp(join(tmpdir(), "gd-bench-mirrors-"));
  const dir = join(root, "backup");
  const save = async (incremental: boolean): Promise<Record<string, number>> => {
    const result = await new SaveRepositoryUseCase().execute({
      repo: { owner: "octo-org", repo: "sample" },
      outDir: dir,
      token: fake.token,
      apiUrl: fake.url,
      selection: { entities: new Set(JOBS), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      incremental,
      log: silentLogger,
    });
    if (result.exitCode !== 0) throw new Error(`save ended with ${result.exitCode}`);
    return Object.fromEntries(result.results.map((r) => [r.name, r.durationMs]));
  };
  const line = (name: string, ms: Record<string, number>) =>
    `${name.padEnd(16)} ${JOBS.map((job) => `${job} ${((ms[job] ?? 0) / 1000).toFixed(2)} s`).join("  ")}\n`;
  try {
    process.stdout.write(line("full save", await save(false)));
    const runs: Array<Record<string, number>> = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await save(true));
      process.stdout.write(line(`incremental ${i + 1}`, runs.at(-1) ?? {}));
    }
    const medians = Object.fromEntries(JOBS.map((job) => [job, median(runs.map((r) => r[job] ?? 0))]));
    process.stdout.write(line("median", medians));
  } finally {
    await fake.close();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
