// Brings an earlier mirror (the previous save's, or an interrupted run's) up
// to date without trusting it and without running git inside it. A new bare
// repository of our own receives a copy of each of the earlier mirror's pack
// files, indexed again by `git index-pack`, which computes every object's
// name from its content (a pack whose objects are not what they claim, or
// that is damaged, is left out). The earlier mirror's ref tips that the
// packs hold become temporary refs (refs/seed/*), checked for connectivity,
// so the fetch tells GitHub what is already here and receives only the rest;
// the mirror fetch then sets every ref as GitHub has it and prunes the
// temporary ones. Config, hooks, alternates, loose objects and ref names of
// the earlier mirror are never used. A final `repack -a -d` keeps only the
// objects the refs reach, so the result holds the refs and objects a fresh
// mirror clone would.
import { copyFile, link, lstat, readdir, readFile, rename, rm, rmdir } from "node:fs/promises";
import { join } from "node:path";
import { mirrorLayoutProblem } from "../../backup/git-mirror.js";
import { runGit } from "../../util/git.js";
import type { SaveContext } from "../types.js";

const OBJECT_ID = /^[0-9a-f]{40}$/;
/** Ref files larger than this are not refs (a ref file is one line). */
const MAX_REF_BYTES = 4096;

/** The object ids the earlier mirror's refs name (packed-refs and loose ref files), without their names. */
async function refTips(old: string): Promise<Set<string>> {
  const tips = new Set<string>();
  const add = (text: string) => {
    for (const line of text.split("\n")) {
      const id = line.slice(0, 40);
      if (OBJECT_ID.test(id)) tips.add(id);
    }
  };
  add(await readFile(join(old, "packed-refs"), "utf8").catch(() => ""));
  for (const entry of await readdir(join(old, "refs"), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if ((await lstat(path)).size <= MAX_REF_BYTES) add(await readFile(path, "utf8"));
  }
  return tips;
}

/** Copies and indexes the earlier mirror's packs into `gitDir`; returns how many were taken. */
async function takePacks(ctx: SaveContext, old: string, gitDir: string): Promise<number> {
  const from = join(old, "objects", "pack");
  const to = join(gitDir, "objects", "pack");
  let taken = 0;
  const entries = await readdir(from, { withFileTypes: true }).catch(() => []);
  for (const [i, entry] of entries.entries()) {
    if (!entry.isFile() || !entry.name.endsWith(".pack")) continue;
    const pack = join(to, `seed-${i}.pack`);
    const idx = join(to, `seed-${i}.idx`);
    // A hard link where the file system allows (index-pack only reads the pack), else a copy.
    await link(join(from, entry.name), pack).catch(() => copyFile(join(from, entry.name), pack));
    try {
      const out = await runGit(["index-pack", "-o", idx, pack], { gitDir, signal: ctx.signal });
      const name = out.trim().split(/\s+/).pop() ?? "";
      if (!OBJECT_ID.test(name)) throw new Error(`index-pack gave no pack name`);
      await rename(pack, join(to, `pack-${name}.pack`));
      await rename(idx, join(to, `pack-${name}.idx`));
      taken += 1;
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      ctx.log.debug(`an earlier pack was left out (${(error as Error).message})`);
      await rm(pack, { force: true });
      await rm(idx, { force: true });
    }
  }
  return taken;
}

/**
 * Fills the new, empty bare repository `gitDir` from the earlier mirror at
 * `old`: its checked objects, and its ref tips as refs/seed/*, whose ids it
 * returns. Returns null when the earlier mirror offers nothing usable;
 * throws when what it offered does not hold together.
 */
export async function seedFromMirror(
  ctx: SaveContext,
  old: string,
  gitDir: string,
): Promise<Set<string> | null> {
  const problem = await mirrorLayoutProblem(old);
  if (problem !== null) {
    ctx.log.debug(`the earlier mirror is not reused: it ${problem}`);
    return null;
  }
  const config = await readFile(join(old, "config"), "utf8").catch(() => "");
  if (/^\s*objectformat\s*=/im.test(config)) return null;
  if ((await takePacks(ctx, old, gitDir)) === 0) return null;
  const tips = [...(await refTips(old))];
  const checked = await runGit(["cat-file", "--batch-check=%(objectname) %(objecttype)"], {
    gitDir,
    input: tips.map((t) => `${t}\n`).join(""),
    signal: ctx.signal,
  });
  const present = checked
    .split("\n")
    .map((line) => line.split(" "))
    .filter(([id, type]) => id !== undefined && OBJECT_ID.test(id) && type !== "missing")
    .map(([id]) => id as string);
  if (present.length === 0) return new Set();
  await runGit(["update-ref", "--stdin"], {
    gitDir,
    input: present.map((id, i) => `create refs/seed/${i} ${id}\n`).join(""),
    signal: ctx.signal,
  });
  // A tip whose history the packs do not fully hold would make GitHub leave that history out.
  await runGit(["fsck", "--connectivity-only", "--no-dangling", "--no-progress"], {
    gitDir,
    signal: ctx.signal,
  });
  return new Set(present);
}

/** Removes the folders packing the refs emptied (refs/pull/…, refs/seed/), keeping refs/heads and refs/tags as a clone has them. */
async function removeEmptyRefFolders(refs: string): Promise<void> {
  const folders = (await readdir(refs, { withFileTypes: true, recursive: true }))
    .filter((e) => e.isDirectory())
    .map((e) => join(e.parentPath, e.name))
    .filter((path) => path !== join(refs, "heads") && path !== join(refs, "tags"))
    .sort((a, b) => b.length - a.length);
  for (const folder of folders) await rmdir(folder).catch(() => undefined);
}

/** `git ls-remote --symref` output: the refs (peeled tag lines left out) and where HEAD points. */
export function parseRemoteListing(text: string): { refs: Map<string, string>; head: string | null } {
  const refs = new Map<string, string>();
  let head: string | null = null;
  for (const line of text.split("\n")) {
    const [left = "", name = ""] = line.split("\t");
    if (left.startsWith("ref: ")) {
      if (name === "HEAD") head = left.slice(5);
    } else if (OBJECT_ID.test(left) && name.startsWith("refs/") && !name.endsWith("^{}"))
      refs.set(name, left);
  }
  return { refs, head };
}

/**
 * Makes `gitDir`, seeded with the checked tips `seeds`, the mirror of `url`:
 * the mirror remote of a fresh `clone --mirror`, every ref as GitHub lists it
 * (fetched, with pruning, unless the seeds already hold every tip), GitHub's
 * HEAD, one pack of the objects the refs reach, packed refs.
 */
export async function fetchMirror(
  ctx: SaveContext,
  url: string,
  gitDir: string,
  seeds: ReadonlySet<string>,
): Promise<{ fetched: boolean }> {
  const git = (args: string[], extra: { auth?: boolean; input?: string } = {}) =>
    runGit(args, {
      gitDir,
      signal: ctx.signal,
      ...(extra.input === undefined ? {} : { input: extra.input }),
      ...(extra.auth ? { authHeader: ctx.client.gitAuthHeader(), redact: ctx.client.redact } : {}),
    });
  await git(["config", "remote.origin.url", url]);
  await git(["config", "remote.origin.fetch", "+refs/*:refs/*"]);
  await git(["config", "remote.origin.mirror", "true"]);
  const remote = parseRemoteListing(await git(["ls-remote", "--symref", "origin"], { auth: true }));
  const fetched = ![...remote.refs.values()].every((id) => seeds.has(id));
  if (fetched) {
    // Packs as received (never loose objects), so the next run can check and reuse them.
    await git(["-c", "fetch.unpackLimit=1", "fetch", "--prune", "--quiet", "origin"], { auth: true });
  } else {
    // Every tip is one the earlier mirror had, checked and connected: only the refs change.
    const seedRefs = await git(["for-each-ref", "--format=%(refname)", "refs/seed/"]);
    const commands = [
      ...seedRefs
        .split("\n")
        .filter((r) => r !== "")
        .map((r) => `delete ${r}\n`),
      ...[...remote.refs].map(([name, id]) => `create ${name} ${id}\n`),
    ];
    await git(["update-ref", "--stdin"], { input: commands.join("") });
  }
  if (remote.head !== null) await git(["symbolic-ref", "HEAD", remote.head]);
  // One pack and packed refs, without the server-info files and bitmap a fresh clone does not have.
  await git(["-c", "repack.writeBitmaps=false", "repack", "-a", "-d", "-q", "-n"]);
  await git(["pack-refs", "--all"]);
  await rm(join(gitDir, "FETCH_HEAD"), { force: true });
  await removeEmptyRefFolders(join(gitDir, "refs"));
  return { fetched };
}
