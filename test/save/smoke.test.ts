import { rmSync } from "node:fs";
import { it } from "vitest";
import { startFakeGitHub } from "../../fake-github/index.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { ENTITY_NAMES } from "../../src/entities/names.js";

it("smoke", async () => {
  const fake = await startFakeGitHub({ dataset: (process.env.DS as "small") ?? "small", seed: 1, git: true });
  const out = "/tmp/gd-try";
  rmSync(out, { recursive: true, force: true });
  const t0 = Date.now();
  try {
    const res = await new SaveRepositoryUseCase().execute({
      repo: { owner: "octo-org", repo: "sample" }, outDir: out, token: fake.token, apiUrl: fake.url,
      selection: { entities: new Set(ENTITY_NAMES), issues: { kind: "all" }, pullRequests: { kind: "all" } },
      onEvent: (e) => { if (e.type === "failed" || e.type === "succeeded" || e.type === "skipped") console.log(e.type, e.job, "error" in e ? e.error : "", "records" in e ? e.records : ""); },
    });
    console.log(res.exitCode, Date.now() - t0, "ms", res.requests.requests, JSON.stringify(res.requests.byRoute));
  } finally {
    await fake.close();
  }
});
