// Hostile content in a backup folder's records and manifest: absolute and
// ".." paths in every path field, "__proto__" keys, ids beyond 2^53, records
// of another repository; and a resumed save into another repository's folder.
// Each is refused with one line naming it (verify: exit 1 listing it;
// restore and save: exit 2), before anything is written to GitHub.
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../fake-github/index.js";
import { baseEnv, type CliRun, runCli } from "../reliability/cli-harness.js";
import { OWNER, REPO, removeTempRoots, tempDir, writeRequests } from "../reliability/helpers.js";
import { leaksIn } from "./secrets.js";

const TOKEN = "ghp_HoStIlErEcOrDs2b4d6F8h0J2l4N6p8R0t2v";

type Json = Record<string, unknown>;

describe("hostile records and paths in a backup folder", () => {
  let fake: FakeGitHub;
  let base: string;
  let seq = 0;
  const cli = (args: string[]): Promise<CliRun> =>
    runCli(args, { env: baseEnv({ GITHUB_TOKEN: TOKEN, GITHUB_API_URL: fake.url }) });

  function copyOfBase(): string {
    seq += 1;
    const dir = join(tempDir("gd-hostile-rec-"), `case-${seq}`);
    cpSync(base, dir, { recursive: true });
    return dir;
  }

  function readManifest(dir: string): Json & { files: Record<string, Json> } {
    return JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  }

  function writeManifest(dir: string, manifest: Json): void {
    writeFileSync(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /** Rewrites a listed JSONL file line by line and lists its new size and checksum, as a forger would. */
  function forge(dir: string, file: string, edit: (lines: string[]) => string[]): void {
    const lines = readFileSync(join(dir, file), "utf8").split("\n").filter(Boolean);
    const text = `${edit(lines).join("\n")}\n`;
    writeFileSync(join(dir, file), text);
    const manifest = readManifest(dir);
    const entry = manifest.files[file] as Json;
    entry.bytes = Buffer.byteLength(text);
    entry.sha256 = createHash("sha256").update(text).digest("hex");
    writeManifest(dir, manifest);
  }

  async function expectRefused(dir: string, problem: RegExp): Promise<void> {
    const before = writeRequests(fake).length;
    const verify = await cli(["verify", dir]);
    expect(verify.code, verify.stderr).toBe(1);
    expect(verify.stderr).toMatch(problem);
    seq += 1;
    for (const args of [
      ["restore", dir, `${OWNER}/rec-target-${seq}`, "--dry-run"],
      ["restore", dir, `${OWNER}/rec-target-${seq}`],
    ]) {
      const run = await cli(args);
      expect(run.code, run.stderr).toBe(2);
      const lines = run.stderr.trim().split("\n");
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(problem);
      expect(leaksIn(run.stdout + run.stderr, TOKEN)).toEqual([]);
    }
    expect(writeRequests(fake).slice(before)).toEqual([]);
  }

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 21 });
    addToken(fake.store, TOKEN, {
      userId: fake.dataset?.tokenUser.id ?? 0,
      read: "*",
      write: "*",
      createRepos: true,
      importApi: true,
    });
    base = join(tempDir("gd-hostile-rec-"), "base");
    const saved = await cli(["save", `${OWNER}/${REPO}`, "--out", base, "--exclude", "git_repo"]);
    expect(saved.code, saved.stderr).toBe(0);
  });
  afterAll(async () => {
    await fake?.close();
    removeTempRoots();
  });

  it.each([
    ["a manifest entry that climbs out with ..", "../outside.jsonl"],
    ["an absolute manifest entry", "/etc/passwd"],
    ["a manifest entry that climbs out midway", "release-assets/../../outside"],
  ])("refuses %s", async (_what, key) => {
    const dir = copyOfBase();
    const manifest = readManifest(dir);
    manifest.files[key] = { bytes: 1, sha256: "0".repeat(64) };
    writeManifest(dir, manifest);
    // The manifest's schema allows only plain relative names.
    await expectRefused(dir, /manifest\.json.*\/files: property name must be valid/);
  });

  it.each([
    ["a .. asset path", "../../etc/passwd"],
    ["an absolute asset path", "/etc/passwd"],
    ["an asset path climbing out of its release folder", "release-assets/1/../../../x"],
  ])("refuses %s in releases.jsonl", async (_what, path) => {
    const dir = copyOfBase();
    let done = false;
    forge(dir, "releases.jsonl", (lines) =>
      lines.map((line) => {
        const release = JSON.parse(line) as { assets: Array<{ path: string | null }> };
        const asset = release.assets.find((a) => a.path !== null);
        if (!done && asset) {
          asset.path = path;
          done = true;
        }
        return JSON.stringify(release);
      }),
    );
    expect(done).toBe(true);
    // The record's schema allows only a plain name under release-assets/<id>/.
    await expectRefused(
      dir,
      /releases\.jsonl:(line )?\d+: does not match releases\.schema\.json: \/assets\/\d+\/path: must match pattern/,
    );
  });

  it("refuses a __proto__ key in a record", async () => {
    const dir = copyOfBase();
    forge(dir, "issues.jsonl", ([first, ...rest]) => [
      (first as string).replace(/^\{/, '{"__proto__":{"polluted":true},'),
      ...rest,
    ]);
    await expectRefused(dir, /issues\.jsonl:(line )?1: a "__proto__" key is not allowed/);
  });

  it("refuses an id beyond 2^53 (two ids would become one)", async () => {
    const dir = copyOfBase();
    forge(dir, "issues.jsonl", ([first, ...rest]) => [
      (first as string).replace(/"id":\d+/, '"id":9007199254740993'),
      ...rest,
    ]);
    await expectRefused(dir, /issues\.jsonl:(line )?1: the number at "id" is beyond 2\^53/);
  });

  it("refuses a repository.json of another repository (its full_name) in a folder labelled with this one", async () => {
    const dir = copyOfBase();
    forge(dir, "repository.json", (lines) =>
      lines.map((line) =>
        line.replace(`"full_name":"${OWNER}/${REPO}"`, `"full_name":"${OWNER}/${REPO}-tools"`),
      ),
    );
    await expectRefused(
      dir,
      new RegExp(`repository\\.json.*comes from ${OWNER}/${REPO}-tools, not from the manifest's source`),
    );
  });

  it("refuses records of another repository in a folder labelled with this one", async () => {
    const dir = copyOfBase();
    forge(dir, "issues.jsonl", (lines) =>
      lines.map((line) => line.replace(`/${OWNER}/${REPO}/`, `/${OWNER}/${REPO}-tools/`)),
    );
    await expectRefused(dir, new RegExp(`comes from ${OWNER}/${REPO}-tools, not from the manifest's source`));
  });

  it("refuses __proto__ keys and ids beyond 2^53 in a Python-format backup", async () => {
    for (const [text, problem] of [
      [
        '[{"__proto__":{"x":1},"name":"bug","color":"ff0000"}]',
        /labels\.json: a "__proto__" key is not allowed/,
      ],
      [
        '[{"id":12345678901234567890,"name":"bug","color":"ff0000"}]',
        /labels\.json: the number at "id" is beyond 2\^53/,
      ],
    ] as const) {
      const dir = join(tempDir("gd-hostile-py-"), "py");
      mkdirSync(dir);
      writeFileSync(join(dir, "labels.json"), text);
      const before = writeRequests(fake).length;
      const run = await cli(["restore", dir, `${OWNER}/py-rec-target`]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(problem);
      expect(writeRequests(fake).slice(before)).toEqual([]);
    }
  });

  it("refuses save --resume of another repository's unfinished folder", async () => {
    const dir = join(tempDir("gd-hostile-resume-"), "out");
    mkdirSync(join(dir, ".github-data"), { recursive: true });
    writeFileSync(
      join(dir, ".github-data", "state.json"),
      `${JSON.stringify({
        format: "github-data-save-state",
        started_at: "2026-01-01T00:00:00Z",
        source: { owner: OWNER, repo: `${REPO}-tools`, api_url: fake.url },
        // The same selection as the resumed command's, so only the source differs.
        selection: readManifest(base).selection,
        jobs: {},
      })}\n`,
    );
    const run = await cli(["save", `${OWNER}/${REPO}`, "--out", dir, "--resume", "--exclude", "git_repo"]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(
      new RegExp(`the unfinished save in .* is of ${OWNER}/${REPO}-tools, not ${OWNER}/${REPO}`),
    );
  });
});
