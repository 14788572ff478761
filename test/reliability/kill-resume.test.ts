// The save process killed with SIGKILL at seeded points (when its Nth request
// arrives), then continued with --resume: the backup must be byte-identical to
// an uninterrupted save, and the resumed run may make only the requests whose
// answers the killed run had not journaled, plus the preflight check.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { verifyBackup } from "../../src/index.js";
import { journaledAnswers } from "../../src/save/response-journal.js";
import {
  baseEnv,
  type CountingProxy,
  killAtRequest,
  runCli,
  seededRandom,
  startCountingProxy,
} from "./cli-harness.js";
import { assertWholeJsonl, backupContent, OWNER, REPO, removeTempRoots, tempDir } from "./helpers.js";

const SEED = 20_261_129;
const KILLS = 3;
/** The resumed run's own check of the repository before it writes anything. */
const PREFLIGHT_REQUESTS = 1;

describe("a save killed with SIGKILL and resumed", () => {
  let fake: FakeGitHub;
  let proxy: CountingProxy;
  let reference: Record<string, string>;
  let fullRequests: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "medium", seed: 11, git: true });
    proxy = await startCountingProxy(fake.url);
    env = baseEnv({ GITHUB_TOKEN: fake.token, GITHUB_API_URL: proxy.url });
    const dir = join(tempDir(), "reference");
    proxy.reset();
    const run = await runCli(["save", `${OWNER}/${REPO}`, "--out", dir], { env });
    expect(run.stderr).not.toContain(fake.token);
    expect(run.code).toBe(0);
    fullRequests = proxy.count;
    reference = backupContent(dir);
  });
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
    removeTempRoots();
  });

  const random = seededRandom(SEED);
  const picks = Array.from({ length: KILLS }, () => random());

  it.each(picks.map((p, i) => [i + 1, p]))(
    "crash point %i: identical output, only the remaining requests",
    async (_i, pick) => {
      // Somewhere after the preflight and before the last request.
      const killAt = 3 + Math.floor(pick * (fullRequests - 4));
      const dir = join(tempDir(), "backup");
      const killed = await runCli(["save", `${OWNER}/${REPO}`, "--out", dir], {
        env,
        onChild: killAtRequest(proxy, killAt),
      });
      expect(killed.signal).toBe("SIGKILL");
      expect(killed.stderr).not.toContain(fake.token);
      // A crash leaves no manifest and nothing half-written under a final name.
      expect(existsSync(join(dir, "manifest.json"))).toBe(false);
      expect(assertWholeJsonl(dir)).toEqual([]);
      const journaled = journaledAnswers(dir);

      // What the killed process wrote just before it died is not the resumed run's.
      await proxy.dropClients();
      proxy.reset();
      const resumed = await runCli(["save", `${OWNER}/${REPO}`, "--out", dir, "--resume"], { env });
      expect(resumed.stderr).not.toContain(fake.token);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(backupContent(dir)).toEqual(reference);
      expect(existsSync(join(dir, ".github-data"))).toBe(false);
      expect((await verifyBackup(dir)).problems).toEqual([]);

      // Requests answered before the crash are not made again.
      expect(proxy.count).toBeLessThanOrEqual(fullRequests - journaled + PREFLIGHT_REQUESTS);
      if (journaled > 0) expect(proxy.count).toBeLessThan(fullRequests);
    },
  );
});
