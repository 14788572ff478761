// A backup folder's git mirror is untrusted: whatever its layout and config,
// git never runs with its config (no fsmonitor, hooks, protocols), never reads
// another repository through it (symbolic links, alternates, a working tree),
// and restore pushes nothing from it. Each hostile folder is built from a real
// save; the commands run as real processes against the fake server.
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { gitEnvironment } from "../../src/util/git.js";
import { baseEnv, type CliRun, runCli } from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir, writeRequests } from "../reliability/helpers.js";
import { leaksIn } from "./secrets.js";

const TOKEN = "ghp_HoStIlEgItMiRrOr5x8Q1w3Er7tY9uI0oPaS";

describe("a hostile git mirror in a backup folder", () => {
  let fake: FakeGitHub;
  let root: string;
  let base: string;
  let marker: string;
  let seq = 0;

  const env = () => baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url, HOME: join(root, "home") });
  const cli = (args: string[]): Promise<CliRun> => runCli(args, { env: env() });

  /** A script that records that it ran, and the token it saw. */
  function script(name: string): string {
    const path = join(root, `${name}.sh`);
    writeFileSync(path, `#!/bin/sh\necho "ran:$GITHUB_TOKEN" >> ${marker}\n`);
    chmodSync(path, 0o755);
    return path;
  }

  function copyOfBase(): string {
    seq += 1;
    const dir = join(root, `case-${seq}`);
    cpSync(base, dir, { recursive: true });
    return dir;
  }

  function dropFromManifest(dir: string, key: string): void {
    const path = join(dir, "manifest.json");
    const manifest = JSON.parse(readFileSync(path, "utf8")) as { files: Record<string, unknown> };
    delete manifest.files[key];
    writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /** A second, unrelated repository on this machine, with a branch restore must never push. */
  function foreignRepository(): string {
    const dir = join(root, `foreign-${seq}`);
    const gitEnv = {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "x",
      GIT_AUTHOR_EMAIL: "x@example.invalid",
      GIT_COMMITTER_NAME: "x",
      GIT_COMMITTER_EMAIL: "x@example.invalid",
    };
    execFileSync("git", ["init", "--quiet", "--bare", dir], { env: gitEnv });
    const work = `${dir}-work`;
    execFileSync("git", ["init", "--quiet", work], { env: gitEnv });
    writeFileSync(join(work, "secret.txt"), "foreign data\n");
    execFileSync("git", ["-C", work, "add", "."], { env: gitEnv });
    execFileSync("git", ["-C", work, "commit", "--quiet", "-m", "foreign"], { env: gitEnv });
    execFileSync("git", ["-C", work, "push", "--quiet", dir, "HEAD:refs/heads/foreign-branch"], {
      env: gitEnv,
    });
    return dir;
  }

  /** Runs verify, a restore dry run and a restore; each must refuse with one line naming `problem`. */
  async function expectRefused(dir: string, problem: RegExp): Promise<void> {
    const before = writeRequests(fake).length;
    const verify = await cli(["verify", dir]);
    expect(verify.code, verify.stderr).toBe(1);
    expect(verify.stderr).toMatch(problem);
    for (const args of [
      ["restore", dir, `${OWNER}/target-${seq}`, "--dry-run"],
      ["restore", dir, `${OWNER}/target-${seq}`],
    ]) {
      const run = await cli(args);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(2);
      const lines = run.stderr.trim().split("\n");
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(problem);
      expect(leaksIn(run.stdout + run.stderr, TOKEN)).toEqual([]);
    }
    expect(existsSync(marker), "a script from the backup ran").toBe(false);
    expect(writeRequests(fake).slice(before)).toEqual([]);
  }

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 11, git: true });
    addToken(fake.store, TOKEN, {
      userId: fake.dataset?.tokenUser.id ?? 0,
      read: "*",
      write: "*",
      createRepos: true,
      importApi: true,
    });
    root = tempDir("gd-hostile-git-");
    mkdirSync(join(root, "home"));
    marker = join(root, "MARKER");
    base = join(root, "base");
    const saved = await cli(["save", `${OWNER}/${REPO}`, "--out", base]);
    expect(saved.code, saved.stderr).toBe(0);
    expect(existsSync(join(base, "git-repo", "HEAD"))).toBe(true);
  });
  afterAll(async () => {
    await fake?.close();
    removeTempRoots();
  });

  it("never reads the mirror's own config: fsmonitor, hooks, hooksPath, protocols, insteadOf", async () => {
    const dir = copyOfBase();
    const hooks = join(root, "hooks");
    mkdirSync(hooks, { recursive: true });
    for (const hook of ["pre-push", "reference-transaction", "post-update", "pre-receive"]) {
      writeFileSync(join(hooks, hook), readFileSync(script(hook)));
      chmodSync(join(hooks, hook), 0o755);
      cpSync(join(hooks, hook), join(dir, "git-repo", "hooks", hook));
      chmodSync(join(dir, "git-repo", "hooks", hook), 0o755);
    }
    const config = join(dir, "git-repo", "config");
    writeFileSync(
      config,
      `${readFileSync(config, "utf8")}[core]\n\tfsmonitor = ${script("fsmonitor")}\n\thooksPath = ${hooks}\n` +
        `\tsshCommand = ${script("ssh")}\n[protocol "ext"]\n\tallow = always\n[protocol]\n\tallow = always\n` +
        `[uploadpack]\n\tpackObjectsHook = ${script("pack")}\n` +
        `[url "ext::${script("ext")} %S "]\n\tinsteadOf = ${fake.url.replace(/^http/, "http")}\n` +
        `[alias]\n\tfor-each-ref = !${script("alias")}\n`,
    );
    const verify = await cli(["verify", dir]);
    expect(verify.code, verify.stderr).toBe(0);
    const dry = await cli(["restore", dir, `${OWNER}/config-target`, "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    const real = await cli(["restore", dir, `${OWNER}/config-target`, "--include", "git_repo"]);
    expect(real.code, real.stderr).toBe(0);
    expect(existsSync(marker), existsSync(marker) ? readFileSync(marker, "utf8") : "").toBe(false);
    expect(leaksIn(verify.stdout + verify.stderr + dry.stderr + real.stderr, TOKEN)).toEqual([]);
  });

  it("ignores GIT_DIR, GIT_CONFIG_* and the token of the caller's environment", async () => {
    const dir = copyOfBase();
    const foreign = foreignRepository();
    const run = await runCli(["verify", dir], {
      env: {
        ...env(),
        GIT_DIR: foreign,
        GIT_CONFIG_COUNT: "1",
        GIT_CONFIG_KEY_0: "core.fsmonitor",
        GIT_CONFIG_VALUE_0: script("env-fsmonitor"),
        GIT_CONFIG_PARAMETERS: `'alias.for-each-ref'='!${script("env-alias")}'`,
      },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/is intact/);
    expect(existsSync(marker)).toBe(false);
    const child = gitEnvironment(undefined, {
      PATH: "/bin",
      GIT_DIR: "/x",
      GIT_WORK_TREE: "/y",
      GIT_CONFIG_GLOBAL: "/z",
      GITHUB_TOKEN: TOKEN,
      GH_TOKEN: TOKEN,
    });
    expect(
      Object.keys(child).filter(
        (k) =>
          k.startsWith("GIT_") &&
          !/^GIT_(CONFIG_(COUNT|KEY_\d+|VALUE_\d+)|TERMINAL_PROMPT|ASKPASS|NO_REPLACE_OBJECTS)$/.test(k),
      ),
    ).toEqual([]);
    expect(JSON.stringify(child)).not.toContain(TOKEN);
  });

  it("refuses a non-bare git-repo/ (a working repository whose config runs core.fsmonitor)", async () => {
    const dir = copyOfBase();
    const mirror = join(dir, "git-repo");
    renameSync(mirror, `${mirror}-bare`);
    mkdirSync(mirror);
    renameSync(`${mirror}-bare`, join(mirror, ".git"));
    const config = join(mirror, ".git", "config");
    writeFileSync(
      config,
      readFileSync(config, "utf8").replace(/bare = true/, "bare = false") +
        `[core]\n\tfsmonitor = ${script("fsmonitor-nonbare")}\n`,
    );
    await expectRefused(dir, /git-repo\/.*not a bare repository/);
  });

  it("refuses a git-repo/ whose config says it is not bare", async () => {
    const dir = copyOfBase();
    const config = join(dir, "git-repo", "config");
    writeFileSync(
      config,
      `${readFileSync(config, "utf8").replace(/bare = true/, "bare = false")}[core]\n\tfsmonitor = ${script("fsm2")}\n`,
    );
    await expectRefused(dir, /git-repo\/.*not a bare repository \(core\.bare is false\)/);
  });

  it("refuses a git-repo/ that is a symbolic link to another repository, listed in the manifest or not", async () => {
    for (const listed of [true, false]) {
      const dir = copyOfBase();
      rmSync(join(dir, "git-repo"), { recursive: true });
      symlinkSync(foreignRepository(), join(dir, "git-repo"));
      if (!listed) dropFromManifest(dir, "git-repo/");
      await expectRefused(dir, /git-repo\/.*is a symbolic link/);
    }
  });

  it("refuses alternates that borrow objects from another repository", async () => {
    const dir = copyOfBase();
    writeFileSync(join(dir, "git-repo", "objects", "info", "alternates"), `${foreignRepository()}/objects\n`);
    await expectRefused(dir, /git-repo\/.*objects\/info\/alternates/);
  });

  it("refuses a symbolic link inside git-repo/ (a ref or an object pack pointing elsewhere)", async () => {
    const dir = copyOfBase();
    mkdirSync(join(dir, "git-repo", "refs", "heads"), { recursive: true });
    symlinkSync(join(foreignRepository(), "refs", "heads"), join(dir, "git-repo", "refs", "heads", "linked"));
    await expectRefused(dir, /git-repo\/.*symbolic link \(refs\/heads\/linked\)/);
  });

  it("refuses a symbolic link anywhere in the folder, listed or not (release-assets/)", async () => {
    const dir = copyOfBase();
    mkdirSync(join(dir, "release-assets", "999"), { recursive: true });
    symlinkSync("/etc", join(dir, "release-assets", "999", "etc"));
    await expectRefused(dir, /release-assets\/999\/etc: is a symbolic link/);
  });

  it("checks a Python-format backup's tree too: a git-repo/ symbolic link is refused", async () => {
    seq += 1;
    const dir = join(root, `python-${seq}`);
    mkdirSync(dir);
    writeFileSync(join(dir, "labels.json"), '[{"name":"bug","color":"ff0000","description":""}]\n');
    writeFileSync(join(dir, "issues.json"), "[]\n");
    symlinkSync(foreignRepository(), join(dir, "git-repo"));
    const before = writeRequests(fake).length;
    for (const args of [
      ["restore", dir, `${OWNER}/py-target`, "--dry-run"],
      ["restore", dir, `${OWNER}/py-target`],
    ]) {
      const run = await cli(args);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/git-repo\/.*is a symbolic link/);
    }
    expect(writeRequests(fake).slice(before)).toEqual([]);
  });
});
