// What the site suites share: a backup saved from the fake server, optionally
// after editing the fake's data (to plant hostile bodies).

import type { DatasetName } from "../../fake-github/index.js";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { ENTITY_NAMES } from "../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { saveRequest } from "../save/helpers.js";

export async function saveBackup(
  dataset: DatasetName,
  dir: string,
  edit?: (repo: FakeRepo, fake: FakeGitHub) => void,
): Promise<void> {
  const fake = await startFakeGitHub({ dataset, seed: 7 });
  try {
    const repo = findRepo(fake.store, "octo-org", "sample");
    if (!repo) throw new Error("the fake has no octo-org/sample");
    edit?.(repo, fake);
    // The git mirror is no part of the site.
    const entities = ENTITY_NAMES.filter((name) => name !== "git_repo");
    const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, dir, { entities }));
    if (result.exitCode !== 0) throw new Error(`save failed with exit code ${result.exitCode}`);
  } finally {
    await fake.close();
  }
}
