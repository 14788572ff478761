import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToken, type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { authHeader, octokitFor } from "./helpers.js";

const run = promisify(execFile);
const readOnlyToken = "ghp_test_read_only_token_0000000000000";

let fake: FakeGitHub;
let data: FakeRepo;
let work: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ dataset: "small", seed: 11, git: true });
  if (!fake.dataset) throw new Error("no dataset");
  data = fake.dataset.repo;
  addToken(fake.store, readOnlyToken, { userId: fake.dataset.tokenUser.id, read: "*", write: [] });
  work = await mkdtemp(join(tmpdir(), "fake-github-test-"));
});
afterAll(async () => {
  await fake.close();
  await rm(work, { recursive: true, force: true });
});

function firstAsset() {
  for (const release of data.releases) {
    const asset = release.assets[0];
    if (asset && !release.draft) return { release, asset };
  }
  throw new Error("dataset has no asset");
}

describe("release asset downloads", () => {
  it("answers JSON by default and bytes (through a 302) for Accept: application/octet-stream", async () => {
    const { asset } = firstAsset();
    const octokit = octokitFor(fake);
    const params = { owner: data.ownerLogin, repo: data.name, asset_id: asset.id };
    const json = await octokit.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", params);
    expect(json.data).toMatchObject({ id: asset.id, name: asset.name, size: asset.data.length });

    const before = asset.download_count;
    const bytes = await octokit.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
      ...params,
      headers: { accept: "application/octet-stream" },
    });
    expect(Buffer.from(bytes.data as unknown as ArrayBuffer).equals(asset.data)).toBe(true);
    expect(asset.download_count).toBe(before + 1);
  });

  it("redirects to a signed storage URL that needs no credentials and rejects a forged one", async () => {
    const { asset } = firstAsset();
    const api = `${fake.url}/repos/${data.ownerLogin}/${data.name}/releases/assets/${asset.id}`;
    const redirect = await fetch(api, {
      headers: { ...authHeader(fake.token), accept: "application/octet-stream" },
      redirect: "manual",
    });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^${fake.url}/_storage/assets/${asset.id}\\?sig=`));
    const download = await fetch(location);
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("application/octet-stream");
    expect(Buffer.from(await download.arrayBuffer()).equals(asset.data)).toBe(true);

    // Change the signature's first character (to one it is not).
    const forged = await fetch(
      location.replace(/sig=(.)/, (_, first: string) => `sig=${first === "x" ? "y" : "x"}`),
    );
    expect(forged.status).toBe(403);
    expect(fake.stats.byRoute["GET /_storage/assets/{asset_id}"]).toBeGreaterThanOrEqual(2);
  });

  it("serves browser_download_url the same way", async () => {
    const { release, asset } = firstAsset();
    const octokit = octokitFor(fake);
    const rest = await octokit.request("GET /repos/{owner}/{repo}/releases/{release_id}", {
      owner: data.ownerLogin,
      repo: data.name,
      release_id: release.id,
    });
    const url = rest.data.assets.find((a) => a.id === asset.id)?.browser_download_url ?? "";
    const res = await fetch(url, { headers: authHeader(fake.token) });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(asset.data)).toBe(true);
  });
});

/** Runs git isolated from the user's config; the credential travels only in the environment. */
function git(args: string[], options: { cwd?: string; header?: string } = {}) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: work,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.invalid",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.invalid",
  };
  if (options.header) {
    env.GIT_CONFIG_COUNT = "1";
    env.GIT_CONFIG_KEY_0 = "http.extraHeader";
    env.GIT_CONFIG_VALUE_0 = options.header;
  }
  return run("git", args, { env, cwd: options.cwd ?? work });
}

function basic(token: string): string {
  return `Authorization: Basic ${Buffer.from(`x-access-token:${token}`).toString("base64")}`;
}

describe("git over HTTP", () => {
  it("mirror-clones with a token passed as http.extraHeader through GIT_CONFIG_* env", async () => {
    const repoInfo = await octokitFor(fake).request("GET /repos/{owner}/{repo}", {
      owner: data.ownerLogin,
      repo: data.name,
    });
    const target = join(work, "mirror.git");
    await git(["clone", "--mirror", repoInfo.data.clone_url, target], { header: basic(fake.token) });
    const { stdout } = await git([
      "--git-dir",
      target,
      "for-each-ref",
      "--format=%(refname:short) %(objectname)",
      "refs/heads",
    ]);
    const cloned = new Map(
      stdout
        .trim()
        .split("\n")
        .map((line) => line.split(" ") as [string, string]),
    );
    expect(cloned).toEqual(data.branches);
    expect(await readFile(join(target, "config"), "utf8")).not.toContain(fake.token);
    expect(fake.stats.byRoute["GET /{owner}/{repo}.git/info/refs"]).toBeGreaterThanOrEqual(1);
    expect(fake.stats.byRoute["POST /{owner}/{repo}.git/git-upload-pack"]).toBeGreaterThanOrEqual(1);
  });

  it("refuses a clone without credentials or with a bad token", async () => {
    const url = `${fake.url}/${data.ownerLogin}/${data.name}.git`;
    await expect(git(["clone", "--mirror", url, join(work, "anonymous.git")])).rejects.toThrow();
    await expect(
      git(["clone", "--mirror", url, join(work, "bad.git")], { header: basic("ghp_wrong") }),
    ).rejects.toThrow();
  });

  it("accepts pushes from a token with write access and refreshes the branch list", async () => {
    const url = `${fake.url}/${data.ownerLogin}/${data.name}.git`;
    const checkout = join(work, "checkout");
    const bearer = `Authorization: Bearer ${fake.token}`;
    await git(["clone", url, checkout], { header: bearer });
    await git(["checkout", "-b", "pushed/branch"], { cwd: checkout });
    await git(["commit", "--allow-empty", "-m", "pushed"], { cwd: checkout });
    const { stdout: sha } = await git(["rev-parse", "HEAD"], { cwd: checkout });

    await expect(
      git(["push", "origin", "pushed/branch"], { cwd: checkout, header: basic(readOnlyToken) }),
    ).rejects.toThrow();
    expect(data.branches.has("pushed/branch")).toBe(false);

    await git(["push", "origin", "pushed/branch"], { cwd: checkout, header: bearer });
    expect(data.branches.get("pushed/branch")).toBe(sha.trim());
    const api = await octokitFor(fake).request("GET /repos/{owner}/{repo}/branches/{branch}", {
      owner: data.ownerLogin,
      repo: data.name,
      branch: "pushed/branch",
    });
    expect(api.data.commit.sha).toBe(sha.trim());
  });

  it("passes gzip-encoded request bodies through to git", async () => {
    const pkt = (line: string) => `${(line.length + 4).toString(16).padStart(4, "0")}${line}`;
    const body = gzipSync(Buffer.from(`${pkt("command=ls-refs\n")}0001${pkt("peel\n")}0000`));
    const res = await fetch(`${fake.url}/${data.ownerLogin}/${data.name}.git/git-upload-pack`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${fake.token}`,
        "content-type": "application/x-git-upload-pack-request",
        "content-encoding": "gzip",
        "git-protocol": "version=2",
      },
      body,
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    const main = data.branches.get(data.default_branch);
    expect(text).toContain(`${main} refs/heads/${data.default_branch}`);
  });
});
