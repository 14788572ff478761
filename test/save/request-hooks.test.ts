// The save's request hooks and their order: an answer the response journal
// replays was never requested, so it is neither counted for its job nor
// reported as progress (the journal must sit outside both counters), and a
// job's failure waits for the repository check (hold failures).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { createGitHubClient } from "../../src/github/client.js";
import { jobClient } from "../../src/save/job-client.js";
import { installSaveHooks } from "../../src/save/request-hooks.js";
import { silentLogger } from "../../src/util/logger.js";

const REPO = { owner: "octo-org", repo: "sample" };

let fake: FakeGitHub;
let root: string;
beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 3 });
  root = mkdtempSync(join(tmpdir(), "gd-hooks-"));
});
afterAll(async () => {
  await fake.close();
  rmSync(root, { recursive: true, force: true });
});

async function saveClient(outDir: string, resuming: boolean, ready: Promise<unknown> = Promise.resolve()) {
  const client = createGitHubClient({ token: fake.token, apiUrl: fake.url, maxRetries: 0 });
  let progressReports = 0;
  const hooks = await installSaveHooks(client, {
    outDir,
    resuming,
    ready,
    log: silentLogger,
    onStats: () => progressReports++,
  });
  const labels = () =>
    jobClient(client, "labels").octokit.request("GET /repos/{owner}/{repo}/labels", { ...REPO, per_page: 5 });
  const missingLabel = () =>
    jobClient(client, "labels").octokit.request("GET /repos/{owner}/{repo}/labels/{name}", {
      ...REPO,
      name: "no-such-label",
    });
  return { hooks, labels, missingLabel, progressReports: () => progressReports };
}

describe("the save's request hooks", () => {
  it("count a request for its job and report progress only when it reaches GitHub, not when the journal replays it", async () => {
    const outDir = join(root, "replay");
    const first = await saveClient(outDir, false);
    const sent = await first.labels();
    await first.hooks.journal.flush();
    expect(first.hooks.requestsOf("labels")).toBe(1);
    expect(first.progressReports()).toBe(1);

    fake.resetStats();
    const resumed = await saveClient(outDir, true);
    const replayed = await resumed.labels();
    expect(replayed.data).toEqual(sent.data);
    expect(resumed.hooks.journal.stats().replayed).toBe(1);
    expect(fake.stats.total).toBe(0);
    expect(resumed.hooks.requestsOf("labels")).toBe(0);
    expect(resumed.progressReports()).toBe(0);
  });

  it("hold a job's failure until the check settles, and replace it with the check's error", async () => {
    const checkFailed = new Error("repository octo-org/sample was not found");
    const ready = Promise.reject(checkFailed);
    ready.catch(() => {});
    const held = await saveClient(join(root, "held"), false, ready);
    await expect(held.missingLabel()).rejects.toBe(checkFailed);

    const passed = await saveClient(join(root, "passed"), false);
    await expect(passed.missingLabel()).rejects.toMatchObject({ status: 404 });
  });
});
