// The wiki and the LFS objects against the fake, with the real git and git-lfs:
// on small, tricky and medium, wiki-repo/ holds the fake's wiki (refs and
// every object hash) and git-repo/lfs/objects/ the fake's LFS storage, byte
// for byte; a round trip puts both into a new repository, LFS objects before
// the branches, and says what to do while the target's wiki does not exist;
// a repository whose wiki was never created is a skip; no byte written holds the token.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedGitEnv } from "../../../fake-github/git/create-bare-repo.js";
import { createWikiFirstPage, type FakeGitHub, startFakeGitHub } from "../../../fake-github/index.js";
import type { FakeRepo } from "../../../fake-github/store/types.js";
import { LFS_OBJECTS_DIR, listLfsObjects } from "../../../src/backup/lfs-objects.js";
import { readManifest } from "../../../src/backup/manifest.js";
import { verifyBackup } from "../../../src/backup/verify.js";
import { RECORD_FILES } from "../../../src/entities/index.js";
import type { EntityName } from "../../../src/entities/names.js";
import type { RestoreRepositoryRequest } from "../../../src/restore/restore-repository.js";
import { SaveRepositoryUseCase } from "../../../src/save/save-repository.js";
import { restoreInto } from "../../restore/support/restore-into.js";
import { saveRequest } from "../../save/helpers.js";
import { leaksUnder } from "../../security/secrets.js";

const entities = new Set<EntityName>(["git_repo", "wiki", "lfs_objects"]);

function git(gitDir: string, args: string[]): string {
  return execFileSync("git", ["--git-dir", gitDir, ...args], { env: isolatedGitEnv(), encoding: "utf8" });
}

const refsOf = (gitDir: string) => git(gitDir, ["for-each-ref", "--format=%(objectname) %(refname)"]);
const objectsOf = (gitDir: string) =>
  git(gitDir, ["rev-list", "--objects", "--all"])
    .split("\n")
    .filter(Boolean)
    .map((line) => line.slice(0, 40))
    .sort();

/** oid → sha256 of the bytes, for a folder of LFS objects. */
async function lfsHashes(objectsDir: string): Promise<Record<string, string>> {
  const { objects, problems } = await listLfsObjects(objectsDir);
  expect(problems).toEqual([]);
  return Object.fromEntries(
    objects.map((o) => [o.oid, createHash("sha256").update(readFileSync(o.path)).digest("hex")]),
  );
}

function storeHashes(repo: FakeRepo): Record<string, string> {
  return Object.fromEntries(
    [...(repo.lfsObjects ?? new Map<string, Buffer>())].map(([oid, data]) => [
      oid,
      createHash("sha256").update(data).digest("hex"),
    ]),
  );
}

describe.each(["small", "tricky", "medium"] as const)("wiki and LFS objects of %s", (dataset) => {
  let fake: FakeGitHub;
  let root: string;
  let backup: string;
  const repoNamed = (name: string) => fake.store.repos.get(`octo-org/${name}`) as FakeRepo;

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset, seed: 3, git: true });
    root = mkdtempSync(join(tmpdir(), "gd-wiki-lfs-"));
    backup = join(root, "backup");
    const saved = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, backup, { entities: [...entities] }),
    );
    expect(saved.results.map((r) => [r.name, r.status, r.error])).toEqual([
      ["git_repo", "succeeded", null],
      ["wiki", "succeeded", null],
      ["lfs_objects", "succeeded", null],
    ]);
    expect(saved.exitCode).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await fake.close();
    rmSync(root, { recursive: true, force: true });
  });

  const restore = (target: string, extra: Partial<RestoreRepositoryRequest> = {}) =>
    restoreInto(fake, backup, entities, target, extra);

  it("saves the wiki's refs and objects and every LFS object, checksummed in the manifest", async () => {
    const source = repoNamed("sample");
    const wikiDir = source.wikiGitDir as string;
    expect(refsOf(join(backup, "wiki-repo"))).toBe(refsOf(wikiDir));
    expect(objectsOf(join(backup, "wiki-repo"))).toEqual(objectsOf(wikiDir));
    expect(
      git(join(backup, "wiki-repo"), ["log", "--format=%s", "master"]).split("\n").length,
    ).toBeGreaterThan(3);

    const saved = await lfsHashes(join(backup, LFS_OBJECTS_DIR));
    expect(saved).toEqual(storeHashes(source));
    expect(Object.keys(saved)).toHaveLength(3);
    for (const [oid, hash] of Object.entries(saved)) expect(hash).toBe(oid);

    const manifest = await readManifest(backup);
    expect(manifest.files["wiki-repo/"]?.records).toBe(refsOf(wikiDir).split("\n").filter(Boolean).length);
    expect(manifest.files["git-repo/lfs/objects/"]?.records).toBe(3);
    const report = await verifyBackup(backup, RECORD_FILES);
    expect(report.problems).toEqual([]);
    expect(leaksUnder(backup, fake.token)).toEqual([]);
  });

  it("restores LFS objects before the branches, and the wiki once its first page exists; reruns push nothing", async () => {
    const dry = await restore("copy", { dryRun: true, createRepo: true });
    const planned = (dry.plan?.actions ?? []).map((p) => `${p.entity}: ${p.what}`);
    expect(planned.some((p) => p.startsWith("lfs_objects: upload 3 LFS object(s)"))).toBe(true);
    expect(planned.some((p) => p.startsWith("wiki: push the wiki's"))).toBe(true);

    fake.resetStats();
    const first = await restore("copy", { createRepo: true });
    const copy = repoNamed("copy");
    expect(storeHashes(copy)).toEqual(storeHashes(repoNamed("sample")));
    // The wiki does not exist yet: an instruction, and everything else restored.
    expect(first.exitCode).toBe(1);
    expect(first.warnings).toHaveLength(1);
    expect(first.warnings[0]).toMatch(
      /^wiki: the target's wiki does not exist yet, .*click "Create the first page"/,
    );
    expect(first.warnings[0]).toContain("/octo-org/copy/wiki");
    const statuses = Object.fromEntries(first.results.map((r) => [r.name, r.status]));
    expect(statuses.git_repo).toBe("succeeded");
    expect(statuses.lfs_objects).toBe("succeeded");
    const log = fake.stats.log;
    const uploads = log.filter((e) => e.template.startsWith("/_lfs/objects") && e.method === "PUT");
    const pushes = log.filter((e) => e.template.endsWith("/git-receive-pack") && e.method === "POST");
    expect(uploads).toHaveLength(3);
    expect(pushes.length).toBeGreaterThan(0);
    expect(Math.max(...uploads.map((e) => e.seq))).toBeLessThan(Math.min(...pushes.map((e) => e.seq)));

    // The user creates the first page on the web; the rerun replaces it with the backup's wiki.
    createWikiFirstPage(copy, join(fake.store.gitRoot as string, "octo-org", "copy.wiki.git"));
    const second = await restore("copy");
    expect(second.warnings).toEqual([]);
    expect(second.exitCode).toBe(0);
    expect(refsOf(copy.wikiGitDir as string)).toBe(refsOf(repoNamed("sample").wikiGitDir as string));

    fake.resetStats();
    const third = await restore("copy");
    expect(third.exitCode).toBe(0);
    const writes = fake.stats.log.filter(
      (e) =>
        e.template.endsWith("/git-receive-pack") || e.method === "PUT" || e.template.includes("/info/lfs"),
    );
    expect(writes).toEqual([]);
    expect(leaksUnder(backup, fake.token)).toEqual([]);
    expect(leaksUnder(copy.wikiGitDir as string, fake.token)).toEqual([]);
  }, 120_000);
});
