// The token never leaves the process: end-to-end runs of the real command
// line with a distinctive token, at every log level and format, through
// server errors that echo requests, job failures, a crash (SIGKILL) and its
// resume, verify, a restore dry run and refused configurations — then every
// byte written (stdout, stderr, each backup folder including the git mirror's
// config and refs, the wiki's mirror, the LFS objects and the resume journal, and the HOME folder git and git-lfs may write
// to) is searched for the token, URL-encoded and base64 at every alignment.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import {
  baseEnv,
  type CliRun,
  type CountingProxy,
  killAtRequest,
  runCli,
  startCountingProxy,
} from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir } from "../reliability/helpers.js";
import { countFiles, leaksIn, leaksUnder, secretForms } from "./secrets.js";

/** Distinctive, and long enough that every base64 alignment yields a long pattern. */
const TOKEN = "ghp_SeCrEtReLiAbIlItY7q9Z2x4Kp0wLmNvBcD8";

describe("the token in everything the tool writes", () => {
  let fake: FakeGitHub;
  let proxy: CountingProxy;
  let root: string;
  let home: string;
  const outputs: Array<{ what: string; run: CliRun }> = [];
  const folders: string[] = [];

  const env = (extra: Record<string, string> = {}) =>
    baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: proxy.url, HOME: home, LOG_LEVEL: "DEBUG", ...extra });

  async function cli(
    what: string,
    args: string[],
    options: Parameters<typeof runCli>[1] = {},
  ): Promise<CliRun> {
    const run = await runCli(args, { env: env(), ...options });
    outputs.push({ what, run });
    return run;
  }

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 8, git: true });
    const admin = fake.dataset?.tokenUser.id ?? 0;
    addToken(fake.store, TOKEN, { userId: admin, read: "*", write: "*", createRepos: true, importApi: true });
    proxy = await startCountingProxy(fake.url);
    root = tempDir("gd-sec-");
    home = join(root, "home");
    mkdirSync(home);

    // 1. A full save, text logs at DEBUG (every request logged), with server errors and resets to retry.
    const text = join(root, "text");
    folders.push(text);
    fake.configure({ faults: { rate: 0.15, resetRate: 0.05, seed: 99 } });
    proxy.reset();
    await cli("save (text, DEBUG, faults)", ["save", `${OWNER}/${REPO}`, "--out", text]);
    fake.configure({ faults: null });

    // 2. JSON logs, with failures that end jobs: 401s and 404s whose errors echo the request.
    const json = join(root, "json");
    folders.push(json);
    fake.configure({
      script: [
        {
          route: "GET /repos/{owner}/{repo}/labels",
          status: 401,
          times: 50,
          body: { message: "Bad credentials" },
        },
        { route: "POST /graphql", nth: 2, times: 50, status: 404, body: { message: "Not Found" } },
      ],
    });
    await cli("save (json, DEBUG, 401/404)", [
      "save",
      `${OWNER}/${REPO}`,
      "--out",
      json,
      "--log-format",
      "json",
    ]);
    fake.configure({ script: [] });

    // 3. Killed mid-run (a crash), its folder scanned as the crash left it, then resumed.
    const crashed = join(root, "crashed");
    folders.push(crashed);
    const crash = await cli("save (killed)", ["save", `${OWNER}/${REPO}`, "--out", crashed], {
      onChild: killAtRequest(proxy, 12),
    });
    expect(crash.signal).toBe("SIGKILL");
    for (const leak of leaksUnder(crashed, TOKEN))
      outputs.push({ what: `crashed folder ${leak}`, run: crash });
    proxy.reset();
    await cli("save --resume", ["save", `${OWNER}/${REPO}`, "--out", crashed, "--resume"]);

    // 4. verify and a restore dry run of the finished backup.
    await cli("verify", ["verify", text]);
    await cli("restore --dry-run", ["restore", text, `${OWNER}/restored`, "--dry-run"]);

    // 5. Refused before anything is written, with stack traces (DEBUG).
    await cli("save into a missing repository", [
      "save",
      `${OWNER}/nothing-here`,
      "--out",
      join(root, "none"),
    ]);
    await cli("token in the API URL", ["save", `${OWNER}/${REPO}`, "--out", join(root, "none2")], {
      env: env({ GITHUB_API_URL: `http://x-access-token:${TOKEN}@127.0.0.1:1` }),
    });
    await cli("token as a flag", ["save", `${OWNER}/${REPO}`, `--token=${TOKEN}`]);
  });
  afterAll(async () => {
    await proxy?.close();
    await fake?.close();
    removeTempRoots();
  });

  it("searches for long, distinctive patterns, and finds a planted token in any encoding", () => {
    expect(secretForms(TOKEN).length).toBeGreaterThanOrEqual(4);
    for (const form of secretForms(TOKEN)) expect(form.length).toBeGreaterThanOrEqual(16);
    const b64 = (s: string) => Buffer.from(s).toString("base64");
    for (const planted of [
      `authorization: token ${TOKEN}`,
      `Authorization: Basic ${b64(`x-access-token:${TOKEN}`)}`,
      `Authorization: Basic ${b64(`${TOKEN}:x-oauth-basic`)}`,
      `extraheader = AUTHORIZATION: basic ${b64(`${TOKEN}:`)}`,
      `url = https://u:${encodeURIComponent(TOKEN)}@github.com/o/r`,
    ]) {
      expect(leaksIn(planted, TOKEN), planted).not.toEqual([]);
    }
  });

  it("the runs did what they were meant to (so there was something to leak)", () => {
    const [text, json, , resumed, verify] = outputs.map((o) => o.run);
    expect(text?.code).toBe(0);
    expect(text?.stderr).toMatch(/DEBUG/);
    expect(text?.stderr).toMatch(/Retrying .*(server-error|network)/);
    expect(json?.code).toBe(1);
    expect(json?.stderr).toMatch(/401|Bad credentials/);
    expect(resumed?.code).toBe(0);
    expect(verify?.code).toBe(0);
    expect(outputs.at(-3)?.run.stderr).toMatch(/\n\s+at /); // DEBUG prints the stack
    expect(outputs.at(-1)?.run.stderr).toMatch(/never accepted as a flag/);
    expect(outputs.at(-2)?.run.stderr).toMatch(/contains a user name or password/);
  });

  it("appears in no output of any run, at any level", () => {
    const leaks = outputs.flatMap(({ what, run }) =>
      [...leaksIn(run.stdout, TOKEN), ...leaksIn(run.stderr, TOKEN)].map((form) => `${what}: ${form}`),
    );
    expect(leaks).toEqual([]);
  });

  it("appears in no file of any backup folder (git mirror, manifest, journal included) or of HOME", () => {
    for (const dir of folders) expect(countFiles(dir)).toBeGreaterThan(10);
    // The wiki's mirror and the LFS objects (fetched by git-lfs) are among the bytes searched.
    expect(countFiles(join(folders[0] as string, "wiki-repo"))).toBeGreaterThan(3);
    expect(countFiles(join(folders[0] as string, "git-repo", "lfs", "objects"))).toBe(3);
    const leaks = [...folders, home].flatMap((dir) =>
      leaksUnder(dir, TOKEN).map((leak) => `${dir}: ${leak}`),
    );
    expect(leaks).toEqual([]);
  });
});
