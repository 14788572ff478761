// save --incremental for the git mirror, the wiki and the LFS objects: with
// nothing changed the mirrors are left as they are (no pack rewritten) and no
// LFS request is made; after a new commit carrying a new LFS object, new tags
// (one annotated), a deleted branch (taking an LFS object only it reached) and a wiki
// edit, the mirrors and objects are those of a fresh full save, and only the
// new object is downloaded.
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lfsPointer } from "../../fake-github/data/wiki-lfs.js";
import { type FakeGitHub, findRepo, startFakeGitHub } from "../../fake-github/index.js";
import type { FakeRepo } from "../../fake-github/store/types.js";
import { LFS_OBJECTS_DIR, listLfsObjects } from "../../src/backup/lfs-objects.js";
import { readManifest } from "../../src/backup/manifest.js";
import type { EntityName } from "../../src/entities/names.js";
import { verifyBackup } from "../../src/index.js";
import { SaveRepositoryUseCase } from "../../src/save/save-repository.js";
import { silentLogger } from "../../src/util/logger.js";
import { saveRequest } from "./helpers.js";
import { commit, git, lfsFiles, mirrorState, packFiles } from "./mirror-helpers.js";

const ENTITIES: EntityName[] = ["git_repo", "wiki", "lfs_objects"];
const MIRRORS = ["git-repo", "wiki-repo"];

describe("save --incremental: git mirror, wiki and LFS objects", () => {
  let fake: FakeGitHub;
  let repo: FakeRepo;
  let root: string;
  const messages: string[] = [];
  const log = { ...silentLogger, info: (m: string) => void messages.push(m) };
  const save = async (dir: string, incremental = false) => {
    const result = await new SaveRepositoryUseCase().execute(
      saveRequest(fake, dir, { entities: ENTITIES, incremental, log }),
    );
    expect(
      result.results.filter((r) => r.status !== "succeeded").map((r) => `${r.name}: ${r.error}`),
    ).toEqual([]);
    return result;
  };
  let dirs = 0;
  const freshDir = () => join(root, `backup-${++dirs}`);
  const lfsRequests = () =>
    fake.stats.log.filter((e) => e.path.includes("/info/lfs/") || e.path.startsWith("/_lfs/"));
  const downloads = () =>
    lfsRequests().filter((e) => e.method === "GET" && e.path.startsWith("/_lfs/objects/"));
  const expectSameAs = async (dir: string, reference: string) => {
    for (const mirror of MIRRORS)
      expect(mirrorState(join(dir, mirror))).toEqual(mirrorState(join(reference, mirror)));
    expect(lfsFiles(dir)).toEqual(lfsFiles(reference));
    // The mirrors by their refs (their packs' bytes depend on how they were packed), the objects in full.
    const files = async (d: string) => (await readManifest(d)).files;
    const [mine, theirs] = [await files(dir), await files(reference)];
    for (const key of ["git-repo/", "wiki-repo/"])
      expect([mine[key]?.records, mine[key]?.sha256]).toEqual([theirs[key]?.records, theirs[key]?.sha256]);
    expect(mine[`${LFS_OBJECTS_DIR}/`]).toEqual(theirs[`${LFS_OBJECTS_DIR}/`]);
    expect((await verifyBackup(dir)).problems).toEqual([]);
  };

  beforeAll(async () => {
    fake = await startFakeGitHub({ dataset: "small", seed: 11, git: true });
    repo = findRepo(fake.store, "octo-org", "sample") as FakeRepo;
    root = mkdtempSync(join(tmpdir(), "gd-incremental-mirrors-"));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("leaves the mirrors untouched and asks nothing of LFS when nothing changed", async () => {
    const dir = freshDir();
    await save(dir);
    const packs = Object.fromEntries(MIRRORS.map((m) => [m, packFiles(join(dir, m))]));
    const objects = lfsFiles(dir);
    expect((await listLfsObjects(join(dir, LFS_OBJECTS_DIR))).objects).toHaveLength(3);

    messages.length = 0;
    fake.resetStats();
    await save(dir, true);
    expect(messages.filter((m) => m.includes("nothing new to fetch"))).toHaveLength(2);
    expect(messages).toContain("lfs_objects: 3 referenced, 0 of them to fetch");
    // Each mirror's one pack is the earlier file itself (linked, never repacked).
    for (const mirror of MIRRORS) expect(packFiles(join(dir, mirror))).toEqual(packs[mirror]);
    expect(lfsFiles(dir)).toEqual(objects);
    expect(lfsRequests()).toEqual([]);
    // Git's own traffic: one listing per mirror (protocol v0, one round trip), nothing fetched.
    expect(fake.stats.log.filter((e) => /\.git\/(info\/refs|git-upload-pack)$/.test(e.path))).toHaveLength(2);
    const reference = freshDir();
    await save(reference);
    await expectSameAs(dir, reference);
  });

  it("after a new commit with a new LFS object, a new tag, a deleted branch and a wiki edit: a fresh save's mirrors and objects, only the new object downloaded", async () => {
    const dir = freshDir();
    await save(dir);
    const server = repo.gitDir as string;
    const head = git(server, ["symbolic-ref", "--short", "HEAD"]).trim();
    const data = Buffer.from("an LFS object added after the first save\n".repeat(40));
    const oid = createHash("sha256").update(data).digest("hex");
    repo.lfsObjects?.set(oid, data);
    commit(server, head, { "assets/new.bin": lfsPointer(data) });
    git(server, ["tag", "v-after", `refs/heads/${head}`]);
    git(server, ["tag", "-a", "-m", "an annotated tag", "v-after-annotated", `refs/heads/${head}`]);
    // The refs reaching the LFS object only a pull request's branch holds go, and that object with them.
    const onlyThere = git(server, ["for-each-ref", "--format=%(refname)"])
      .split("\n")
      .filter(
        (ref) => ref !== "" && git(server, ["ls-tree", "-r", ref, "--", "assets/branch-only.bin"]) !== "",
      );
    expect(onlyThere.length).toBeGreaterThan(0);
    for (const ref of onlyThere) git(server, ["update-ref", "-d", ref]);
    commit(repo.wikiGitDir as string, "master", { "Home.md": "Edited after the first save\n" });

    messages.length = 0;
    fake.resetStats();
    await save(dir, true);
    expect(messages.filter((m) => m.includes("fetching only what is new"))).toHaveLength(2);
    expect(downloads().map((e) => e.path.split("/").pop())).toEqual([oid]);
    const reference = freshDir();
    await save(reference);
    await expectSameAs(dir, reference);
    expect((await listLfsObjects(join(dir, LFS_OBJECTS_DIR))).objects.map((o) => o.oid)).toContain(oid);
  });

  it("fetches again a saved LFS object that does not hash to its name", async () => {
    const dir = freshDir();
    await save(dir);
    const [victim] = (await listLfsObjects(join(dir, LFS_OBJECTS_DIR))).objects;
    if (!victim) throw new Error("no LFS object saved");
    writeFileSync(victim.path, "tampered");
    fake.resetStats();
    await save(dir, true);
    expect(downloads().map((e) => e.path.split("/").pop())).toEqual([victim.oid]);
    const reference = freshDir();
    await save(reference);
    await expectSameAs(dir, reference);
  });
});
