import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "vitest";
import { startFakeGitHub } from "../../fake-github/server.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { ENTITY_NAMES } from "../../src/entities/names.js";
import { ALL } from "../../src/selection/number-spec.js";

it("scratch", async () => {
  const fake = await startFakeGitHub({ dataset: "tricky", seed: 1, git: true });
  const out = join(await mkdtemp(join(tmpdir(), "scratch-")), "b");
  const r = await new SaveRepositoryUseCase().execute({
    repo: { owner: fake.dataset!.owner.login, repo: fake.dataset!.repo.name },
    outDir: out, token: fake.token, apiUrl: fake.url,
    selection: { entities: new Set(ENTITY_NAMES), issues: ALL, pullRequests: ALL },
  });
  console.log(out, r.exitCode, JSON.stringify(r.results.map((x) => [x.name, x.status, x.error])));
  await fake.close();
}, 60000);
