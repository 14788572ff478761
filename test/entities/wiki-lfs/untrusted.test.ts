// What the wiki and LFS jobs do with what they cannot trust or cannot find:
// a repository whose wiki was never created is a skip on save; a repository's
// `.lfsconfig` pointing LFS elsewhere never gets our token (nor any request);
// a target wiki with history of its own is never overwritten;
// a backup whose wiki-repo/ holds a symbolic link is refused by verify; a
// corrupted LFS object is found by verify; an object the server lacks fails
// the job, keeping what did arrive.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedWiki } from "../../../fake-github/data/wiki-lfs.js";
import { isolatedGitEnv } from "../../../fake-github/git/create-bare-repo.js";
import { type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { LFS_OBJECTS_DIR, listLfsObjects } from "../../../src/backup/lfs-objects.js";
import { readManifest } from "../../../src/backup/manifest.js";
import { verifyBackup } from "../../../src/backup/verify.js";
import { RECORD_FILES } from "../../../src/entities/index.js";
import type { EntityName } from "../../../src/entities/names.js";
import { SaveRepositoryUseCase } from "../../../src/save/save-repository.js";
import { restoreInto } from "../../restore/support/restore-into.js";
import { saveRequest } from "../../save/helpers.js";

const entities: EntityName[] = ["git_repo", "wiki", "lfs_objects"];
const roots: string[] = [];
function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), "gd-wiki-lfs-untrusted-"));
  roots.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** Commits `files` on top of `branch` in a bare repository, with git's plumbing. */
function commitOnto(gitDir: string, branch: string, files: Record<string, string>): void {
  const env = { ...isolatedGitEnv(), GIT_INDEX_FILE: join(tempRoot(), "index") };
  const git = (args: string[], input?: string) =>
    execFileSync("git", ["--git-dir", gitDir, ...args], { env, encoding: "utf8", input }).trim();
  git(["read-tree", `refs/heads/${branch}`]);
  for (const [path, text] of Object.entries(files)) {
    const blob = git(["hash-object", "-w", "--stdin"], text);
    git(["update-index", "--add", "--cacheinfo", `100644,${blob},${path}`]);
  }
  const tree = git(["write-tree"]);
  const commit = git(["commit-tree", tree, "-p", `refs/heads/${branch}`, "-m", "Add files"]);
  git(["update-ref", `refs/heads/${branch}`, commit]);
}

describe("a repository whose wiki was never created", () => {
  it("is a skip with the reason, not a failure; the other jobs go on", async () => {
    const fake = await startFakeGitHub({ dataset: "empty", seed: 1, git: true });
    try {
      const dir = join(tempRoot(), "backup");
      const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, dir, { entities }));
      expect(result.exitCode).toBe(0);
      const wiki = result.results.find((r) => r.name === "wiki");
      expect(wiki?.status).toBe("skipped");
      expect(wiki?.error).toMatch(
        /^the repository has no wiki \(GitHub answers not found until a first page/,
      );
      expect(result.results.find((r) => r.name === "git_repo")?.status).toBe("succeeded");
      expect(result.results.find((r) => r.name === "lfs_objects")?.status).toBe("succeeded");
      const manifest = await readManifest(dir);
      expect(manifest.jobs.find((j) => j.name === "wiki")?.status).toBe("skipped");
      expect(
        Object.keys(manifest.files).filter((f) => f.startsWith("wiki-repo") || f.includes("lfs")),
      ).toEqual([]);
      expect(readdirSync(dir)).not.toContain("wiki-repo");
    } finally {
      await fake.close();
    }
  }, 60_000);
});

describe("an untrusted repository and backup", () => {
  let fake: FakeGitHub;
  let trap: Server;
  let trapped: Array<{ url: string; authorization: string | undefined }>;
  let backup: string;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 5, git: true });
    trapped = [];
    trap = createServer((req, res) => {
      trapped.push({ url: req.url ?? "", authorization: req.headers.authorization });
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => trap.listen(0, "127.0.0.1", resolve));
    const address = trap.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const elsewhere = `http://127.0.0.1:${port}/steal`;
    // The repository's content tells git-lfs to use another server: it must not be heard.
    // On the default branch, and on "master" too: the name git gives HEAD in a new repository.
    const source = fake.store.repos.get("octo-org/sample") as FakeRepo;
    const lfsconfig = `[lfs]\n\turl = ${elsewhere}\n\tpushurl = ${elsewhere}\n[remote "origin"]\n\tlfsurl = ${elsewhere}\n`;
    commitOnto(source.gitDir as string, source.default_branch, { ".lfsconfig": lfsconfig });
    execFileSync("git", ["--git-dir", source.gitDir as string, "branch", "master", source.default_branch], {
      env: isolatedGitEnv(),
    });
    backup = join(tempRoot(), "backup");
    const result = await new SaveRepositoryUseCase().execute(saveRequest(fake, backup, { entities }));
    expect(result.results.filter((r) => r.status !== "succeeded")).toEqual([]);
  }, 60_000);
  afterAll(async () => {
    await fake.close();
    await new Promise<void>((resolve) => trap.close(() => resolve()));
  });

  it("fetches LFS objects from the repository's own endpoint, whatever its .lfsconfig says", async () => {
    expect(trapped).toEqual([]);
    const { objects } = await listLfsObjects(join(backup, LFS_OBJECTS_DIR));
    expect(objects).toHaveLength(3);
  });

  it("never overwrites a target wiki with history of its own: reported, the rest restored", async () => {
    const admin = new Octokit({ auth: fake.token, baseUrl: fake.url });
    await admin.rest.repos.createInOrg({ org: "octo-org", name: "has-wiki" });
    const target = fake.store.repos.get("octo-org/has-wiki") as FakeRepo;
    const theirs = seedWiki(
      join(fake.store.gitRoot as string, "octo-org", "has-wiki.wiki.git"),
      target,
      true,
    );
    const result = await restoreInto(fake, backup, new Set(entities), "has-wiki");
    expect(result.exitCode).toBe(1);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^wiki: not pushed, refs\/heads\/master is at \w+ in the target, \w+ in the backup \(not overwritten\)$/,
      ),
    ]);
    expect(
      execFileSync("git", ["--git-dir", target.wikiGitDir as string, "rev-parse", "master"], {
        encoding: "utf8",
      }).trim(),
    ).toBe(theirs);
    expect(target.lfsObjects?.size).toBe(3);
  }, 60_000);

  it("verify finds a corrupted LFS object and a symbolic link in wiki-repo/", async () => {
    expect((await verifyBackup(backup, RECORD_FILES)).problems).toEqual([]);
    const { objects } = await listLfsObjects(join(backup, LFS_OBJECTS_DIR));
    const victim = objects[0];
    if (!victim) throw new Error("no LFS object saved");
    writeFileSync(victim.path, "tampered");
    symlinkSync("/etc/passwd", join(backup, "wiki-repo", "description-link"));
    const problems = (await verifyBackup(backup, RECORD_FILES)).problems.map(
      (p) => `${p.file}: ${p.message}`,
    );
    expect(problems).toContain(
      `git-repo/lfs/objects/: object ${victim.oid} does not hash to its name (corrupted)`,
    );
    expect(problems).toContain("wiki-repo/: holds a symbolic link (description-link)");
  });
});

describe("an LFS object the server no longer has", () => {
  it("fails lfs_objects naming git-lfs's error and keeps the objects that did arrive", async () => {
    const fake = await startFakeGitHub({ dataset: "small", seed: 6, git: true });
    try {
      const source = fake.store.repos.get("octo-org/sample") as FakeRepo;
      const objects = source.lfsObjects as Map<string, Buffer>;
      const [missingOid] = [...objects].sort(([a], [b]) => (a < b ? -1 : 1))[0] as [string, Buffer];
      objects.delete(missingOid);
      const dir = join(tempRoot(), "backup");
      const first = await new SaveRepositoryUseCase().execute(saveRequest(fake, dir, { entities }));
      expect(first.exitCode).toBe(1);
      const lfs = first.results.find((r) => r.name === "lfs_objects");
      expect(lfs?.status).toBe("failed");
      expect(lfs?.error).toMatch(/git lfs failed \(exit \d+\): .*failed to fetch some objects/);
      expect((await listLfsObjects(join(dir, LFS_OBJECTS_DIR))).objects.map((o) => o.oid)).toHaveLength(2);

      expect((await verifyBackup(dir, RECORD_FILES)).problems).toEqual([]);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
