import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";
import { startFakeGitHub } from "../fake-github/index.js";
import { ENTITY_NAMES } from "../src/entities/names.js";
import { SaveRepositoryUseCase } from "../src/save/save-repository.js";
it("perf", async () => {
  const fake = await startFakeGitHub({ dataset: (process.env.DS ?? "medium") as "medium", seed: 1, latencyMs: Number(process.env.L ?? 80), jitterMs: Number(process.env.L ?? 80) > 0 ? 20 : 0, secondary: {} });
  const d = join(mkdtempSync(join(tmpdir(), "p")), "a");
  const t0 = Date.now();
  const res = await new SaveRepositoryUseCase().execute({ repo: { owner: "octo-org", repo: "sample" }, outDir: d, token: fake.token, apiUrl: fake.url, concurrency: Number(process.env.C ?? 10),
    selection: { entities: new Set(ENTITY_NAMES.filter(n => n !== "git_repo")), issues: { kind: "all" }, pullRequests: { kind: "all" } },
  });
  console.log(Date.now() - t0, "ms", res.exitCode, JSON.stringify(res.requests.byRoute), "peak", res.requests.peakInFlight, "sec", res.requests.secondaryLimitHits, "delays", res.requests.budgetDelays);
  for (const r of res.results) console.log(r.name, r.status, r.records, r.durationMs, r.requests, r.error ?? "");
  const t00 = fake.stats.log[0]!.startedAt; console.log(fake.stats.log.slice(0, 60).map((e) => `${e.template} +${Math.round(e.startedAt - t00)} ${Math.round(e.durationMs)}`).join("\n"));
  await fake.close();
}, 300000);
