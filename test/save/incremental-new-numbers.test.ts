// The incremental sweep asks the numbers the previous save knew (and a few
// more where that costs no request); every request also asks GitHub's latest
// numbers, so issues created beyond that are swept too.
import { Octokit } from "@octokit/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { useWallClock } from "../../fake-github/store/wall-clock.js";
import type { EntityName } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { backupFolders, entityFiles, manifestOf, saveRequest } from "./helpers.js";

const ENTITIES: EntityName[] = ["issues", "issue_comments", "pull_requests"];
const CREATED = 150; // more than the sweep's headroom beyond the previous highest number

describe("save --incremental with many new issues", () => {
  let fake: FakeGitHub;
  const folders = backupFolders("gd-new-numbers-");
  const dir = folders.fresh;
  const save = (outDir: string, extra = {}) =>
    new SaveRepositoryUseCase().execute(saveRequest(fake, outDir, { entities: ENTITIES, ...extra }));

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 3 });
    useWallClock(fake.store);
  });
  afterAll(async () => {
    await fake?.close();
    folders.removeAll();
  });

  it("sweeps the numbers beyond the previous save's highest", async () => {
    const backup = dir();
    expect((await save(backup)).exitCode).toBe(0);
    const octokit = new Octokit({ auth: fake.token, baseUrl: fake.url });
    for (let i = 0; i < CREATED; i++) {
      await octokit.request("POST /repos/{owner}/{repo}/issues", {
        owner: "octo-org",
        repo: "sample",
        title: `new issue ${i}`,
      });
    }
    expect((await save(backup, { incremental: true })).exitCode).toBe(0);
    const reference = dir();
    expect((await save(reference)).exitCode).toBe(0);
    expect(entityFiles(backup)).toEqual(entityFiles(reference));
    const manifest = manifestOf(backup);
    expect(manifest.incremental?.changes.issues).toEqual({ added: CREATED, changed: 0, deleted: 0 });
  });
});
