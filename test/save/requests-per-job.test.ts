// Every API request a save sends is counted for the job that sent it (a list
// two jobs share, for the job that asked first); only the repository check
// belongs to no job.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { saveRequest } from "./helpers.js";

let fake: FakeGitHub;
let root: string;
beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 1, git: true });
  root = mkdtempSync(join(tmpdir(), "gd-per-job-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

const route = (path: string) => fake.stats.byRoute[`GET /repos/{owner}/{repo}${path}`] ?? 0;

describe("requests per job", () => {
  it("add up to every API request but the repository check", async () => {
    fake.resetStats();
    const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, join(root, "out")));
    expect(
      result.results.filter((r) => r.status !== "succeeded").map((r) => [r.name, String(r.error)]),
    ).toEqual([]);
    expect(result.exitCode).toBe(0);
    const requests = Object.fromEntries(result.results.map((r) => [r.name, r.requests]));
    const api = Object.entries(fake.stats.byRoute)
      .filter(([template]) => !/\/_storage\/|\/_lfs\/|\.git/.test(template))
      // The web host's attachment links are no API requests either.
      .filter(
        ([template]) => !/ \/(user-attachments|\{owner\}\/\{repo\}\/(files|assets|raw))\//.test(template),
      )
      .reduce((sum, [, n]) => sum + n, 0);

    expect(requests.labels).toBe(route("/labels"));
    expect(requests.milestones).toBe(route("/milestones"));
    expect(requests.releases).toBe(route("/releases") + route("/releases/assets/{asset_id}"));
    expect(requests.releases).toBeGreaterThan(route("/releases"));
    const perJob = Object.values(requests).reduce((sum, n) => sum + (n ?? 0), 0);
    expect(perJob).toBe(api - 1);
    expect(route("")).toBe(1);
  });
});
