// A webhook's secret never reaches a backup: GitHub masks it, and the save
// keeps no other config field and strips credentials from the hook's URL.
// The fake's `tricky` dataset seeds two secrets and a URL carrying a password
// and a query token; a DEBUG save through the real command line, and one that
// ends with a failed job, are searched byte by byte (gzipped journal entries
// unpacked, should any be left) for each of them, as is their output.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FakeGitHub,
  seededWebhookSecret,
  startFakeGitHub,
  trickyUrlSecrets,
} from "../../fake-github/index.js";
import { baseEnv, type CliRun, runCli } from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir } from "../reliability/helpers.js";
import { leaksIn, secretForms } from "./secrets.js";

const SEED = 4;

/** Every file under `dir` as text; journal entries (metadata line + gzip) unpacked. */
function contents(dir: string): Array<{ path: string; text: string }> {
  const out: Array<{ path: string; text: string }> = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...contents(path));
    else {
      const bytes = readFileSync(path);
      out.push({ path, text: bytes.toString("latin1") });
      const newline = bytes.indexOf(0x0a);
      if (newline > 0 && bytes[newline + 1] === 0x1f && bytes[newline + 2] === 0x8b) {
        out.push({
          path: `${path} (unpacked)`,
          text: gunzipSync(bytes.subarray(newline + 1)).toString("latin1"),
        });
      }
    }
  }
  return out;
}

describe("webhook secrets in everything a save writes", () => {
  let fake: FakeGitHub;
  let root: string;
  const runs: CliRun[] = [];
  const secrets = [
    seededWebhookSecret(SEED),
    `${seededWebhookSecret(SEED)}-second`,
    trickyUrlSecrets.password,
    trickyUrlSecrets.query,
  ];

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "tricky", seed: SEED });
    root = tempDir("gd-hooks-");
    const env = baseEnv({ GITHUB_TOKEN: fake.token, GITHUB_API_URL: fake.url, LOG_LEVEL: "DEBUG" });
    runs.push(
      await runCli(["save", `${OWNER}/${REPO}`, "--out", join(root, "full"), "--exclude", "git_repo"], {
        env,
      }),
    );
    // Every label page fails: the save ends with a failed job and keeps its save state.
    fake.configure({
      script: [{ route: "GET /repos/{owner}/{repo}/labels", status: 500, times: 100 }],
    });
    runs.push(
      await runCli(["save", `${OWNER}/${REPO}`, "--out", join(root, "failed"), "--exclude", "git_repo"], {
        env,
      }),
    );
    fake.configure({ script: [] });
  });
  afterAll(async () => {
    await fake?.close();
    removeTempRoots();
  });

  it("the fake really serves them (so there was something to leak)", async () => {
    const hooks = fake.store.repos.get("octo-org/sample")?.hooks ?? [];
    expect(hooks.map((h) => h.config.secret)).toContain(secrets[0]);
    expect(hooks.some((h) => h.config.url.includes(trickyUrlSecrets.password))).toBe(true);
    expect(runs[0]?.code).toBe(0);
    expect(runs[1]?.code).toBe(1);
    const saved = readFileSync(join(root, "full", "webhooks.jsonl"), "utf8")
      .trim()
      .split("\n");
    expect(saved).toHaveLength(3);
    expect(saved.join("\n")).toContain("https://hooks.example.invalid/notify");
  });

  it("appears in no file of either folder, journal entries unpacked, nor in any output", () => {
    const files = [...contents(join(root, "full")), ...contents(join(root, "failed"))];
    expect(files.length).toBeGreaterThan(10);
    const leaks = secrets.flatMap((secret) => [
      ...files.flatMap(({ path, text }) => leaksIn(text, secret).map((form) => `${path}: ${form}`)),
      ...runs.flatMap((run, i) =>
        [...leaksIn(run.stdout, secret), ...leaksIn(run.stderr, secret)].map((f) => `run ${i}: ${f}`),
      ),
    ]);
    expect(leaks).toEqual([]);
    for (const secret of secrets) expect(secretForms(secret).length).toBeGreaterThan(0);
  });
});
