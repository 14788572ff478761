// The sustained run's save: github-data's save use case with every entity
// type and the default concurrency, as the CLI runs it, but with the
// per-minute budgets scaled to the fake server's shorter window
// (BENCH_BUDGETS, JSON). `node sustained-save.js OWNER/REPO OUT_DIR API_URL`,
// token from GITHUB_TOKEN; exit 0 when every job succeeded.
import { limitHeapGrowth } from "../src/cli/heap-growth.js";
import { DEFAULT_CONCURRENCY } from "../src/cli/remote.js";
import { ENTITY_NAMES } from "../src/entities/names.js";
import type { Budgets } from "../src/github/rate-budget.js";
import { SaveRepositoryUseCase } from "../src/save/save-repository.js";
import { ALL } from "../src/selection/number-spec.js";

// As the CLI does, so the run's peak memory is the CLI's.
limitHeapGrowth(process.execArgv, process.env.NODE_OPTIONS);
const [target, outDir, apiUrl] = process.argv.slice(2);
const token = process.env.GITHUB_TOKEN ?? "";
const [owner, repo] = (target ?? "").split("/");
if (!owner || !repo || !outDir || !apiUrl || !token) {
  process.stderr.write(
    "usage: GITHUB_TOKEN=… BENCH_BUDGETS=… node sustained-save.js OWNER/REPO OUT_DIR API_URL\n",
  );
  process.exit(2);
}
const budgets = JSON.parse(process.env.BENCH_BUDGETS ?? "{}") as Partial<Budgets>;
const result = await new SaveRepositoryUseCase().execute({
  repo: { owner, repo },
  outDir,
  token,
  apiUrl,
  selection: { entities: new Set(ENTITY_NAMES), issues: ALL, pullRequests: ALL },
  concurrency: DEFAULT_CONCURRENCY,
  client: { budgets },
});
const failed = result.results.filter((r) => r.status !== "succeeded");
for (const r of failed) process.stderr.write(`${r.name}: ${r.status}\n`);
const { requests, secondaryLimitHits, budgetDelays } = result.requests;
process.stdout.write(`${JSON.stringify({ requests, secondaryLimitHits, budgetDelays })}\n`);
process.exitCode = result.exitCode;
