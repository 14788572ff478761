// Brings an earlier mirror (the previous save's, or an interrupted run's) up
// to date without trusting it and without running git inside it. A new bare
// repository of our own receives a copy of each of the earlier mirror's pack
// files, indexed again by `git index-pack`, which computes every object's
// name from its content (a pack whose objects are not what they claim, or
// that is damaged, is left out). The earlier mirror's ref tips that the
// packs hold become temporary refs (refs/seed/*), checked for connectivity.
// GitHub's refs are listed meanwhile (one round trip): the refs whose tips
// the seed holds are written as they are named on GitHub, and only when a
// tip is missing does `git fetch --prune` receive the objects the seed lacks,
// telling GitHub what is already here. Refs are written straight into
// packed-refs (thousands of loose ref files cost seconds to create and pack
// again). Config, hooks, alternates, loose objects and ref names of the
// earlier mirror are never used. The result holds the refs and objects a
// fresh mirror clone would: `repack -a -d` keeps only the objects the refs
// reach, and is skipped when the one seeded pack already holds exactly those.
import { copyFile, link, lstat, readdir, readFile, rename, rm, rmdir, writeFile } from "node:fs/promises";
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

/** What seeding took over: the checked tips, and how many packs hold them. */
export interface Seed {
  tips: ReadonlySet<string>;
  packs: number;
}

/**
 * A ref name git accepts as it is (git check-ref-format's rules, kept
 * conservative): refs/…, no empty, dot-led or .lock component, no "..",
 * "@{", control characters, space or ~^:?*[\\. Names are written straight into
 * packed-refs, which git does not check the way update-ref does.
 */
export function isPlainRefName(name: string): boolean {
  if (!name.startsWith("refs/") || name.endsWith("/") || name.endsWith(".")) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{/.test(name)) return false;
  return name.split("/").every((part) => part !== "" && !part.startsWith(".") && !part.endsWith(".lock"));
}

/** Writes `refs` (name → id) as the repository's only refs, in packed-refs (ordered as git orders names). */
async function writePackedRefs(gitDir: string, refs: Iterable<readonly [string, string]>): Promise<void> {
  const lines = [...refs]
    .map(([name, id]) => ({ name: Buffer.from(name), line: `${id} ${name}\n` }))
    .sort((a, b) => Buffer.compare(a.name, b.name))
    .map((r) => r.line);
  await writeFile(join(gitDir, "packed-refs"), lines.join(""));
}

/**
 * Fills the new, empty bare repository `gitDir` from the earlier mirror at
 * `old`: its checked objects, and its ref tips as refs/seed/*. Returns null
 * when the earlier mirror offers nothing usable; throws when what it offered
 * does not hold together.
 */
export async function seedFromMirror(ctx: SaveContext, old: string, gitDir: string): Promise<Seed | null> {
  const problem = await mirrorLayoutProblem(old);
  if (problem !== null) {
    ctx.log.debug(`the earlier mirror is not reused: it ${problem}`);
    return null;
  }
  const config = await readFile(join(old, "config"), "utf8").catch(() => "");
  if (/^\s*objectformat\s*=/im.test(config)) return null;
  const packs = await takePacks(ctx, old, gitDir);
  if (packs === 0) return null;
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
  if (present.length === 0) return { tips: new Set(), packs };
  await writePackedRefs(
    gitDir,
    present.map((id, i) => [`refs/seed/${i}`, id]),
  );
  // A tip whose history the packs do not fully hold would make GitHub leave that history out.
  await runGit(["fsck", "--connectivity-only", "--no-dangling", "--no-progress"], {
    gitDir,
    signal: ctx.signal,
  });
  return { tips: new Set(present), packs };
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

export interface RemoteListing {
  refs: Map<string, string>;
  head: string | null;
}

/** `git ls-remote --symref` output: the refs (peeled tag lines left out) and where HEAD points. */
export function parseRemoteListing(text: string): RemoteListing {
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
 * Git's wire protocol version 0 for listing and fetching: its first answer
 * already holds every ref and where HEAD points, so listing costs one round
 * trip instead of version 2's two (capabilities, then ls-refs).
 */
const ONE_ROUND_TRIP = ["-c", "protocol.version=0"];

/** GitHub's refs and HEAD for `url`, listed with the token in a header. */
export async function listRemote(ctx: SaveContext, url: string): Promise<RemoteListing> {
  const out = await runGit([...ONE_ROUND_TRIP, "ls-remote", "--symref", url], {
    authHeader: ctx.client.gitAuthHeader(),
    redact: ctx.client.redact,
    signal: ctx.signal,
  });
  return parseRemoteListing(out);
}

/** Whether the repository's one pack holds exactly the objects its refs reach (and nothing is loose). */
async function packIsExact(git: (args: string[]) => Promise<string>): Promise<boolean> {
  const counts = new Map(
    (await git(["count-objects", "-v"]))
      .split("\n")
      .map((line) => line.split(": "))
      .map(([key = "", value = ""]) => [key, Number(value)] as const),
  );
  if (counts.get("count") !== 0 || counts.get("packs") !== 1) return false;
  const reachable = Number((await git(["rev-list", "--objects", "--all", "--count"])).trim());
  return reachable === counts.get("in-pack");
}

/**
 * Makes `gitDir`, seeded by `seed`, the mirror of `url` as `remote` lists it:
 * the mirror remote of a fresh `clone --mirror`, every ref as GitHub has it
 * (fetched, with pruning, only when the seed lacks a tip), GitHub's HEAD, one
 * pack of the objects the refs reach, packed refs. Throws on a ref name git
 * would not take as it is (the caller then clones afresh).
 */
export async function fetchMirror(
  ctx: SaveContext,
  url: string,
  gitDir: string,
  seed: Seed,
  remote: RemoteListing,
): Promise<{ fetched: boolean }> {
  const git = (args: string[], extra: { auth?: boolean } = {}) =>
    runGit(args, {
      gitDir,
      signal: ctx.signal,
      ...(extra.auth ? { authHeader: ctx.client.gitAuthHeader(), redact: ctx.client.redact } : {}),
    });
  const badName = [...remote.refs.keys()].find((name) => !isPlainRefName(name));
  if (badName !== undefined)
    throw new Error(`GitHub lists a ref git would refuse (${JSON.stringify(badName)})`);
  await git(["config", "remote.origin.url", url]);
  await git(["config", "remote.origin.fetch", "+refs/*:refs/*"]);
  await git(["config", "remote.origin.mirror", "true"]);
  // The refs whose tips are here take GitHub's names now; the other tips stay as seeds for the fetch to build on.
  const held = [...remote.refs].filter(([, id]) => seed.tips.has(id));
  const fetched = held.length < remote.refs.size;
  const named = new Set(held.map(([, id]) => id));
  const seeds = fetched ? [...seed.tips].filter((id) => !named.has(id)) : [];
  await writePackedRefs(gitDir, [...held, ...seeds.map((id, i) => [`refs/seed/${i}`, id] as const)]);
  if (fetched) {
    // Packs as received (never loose objects), so the next run can check and reuse them.
    await git([...ONE_ROUND_TRIP, "-c", "fetch.unpackLimit=1", "fetch", "--prune", "--quiet", "origin"], {
      auth: true,
    });
  }
  if (remote.head !== null) await git(["symbolic-ref", "HEAD", remote.head]);
  // One pack and packed refs, without the server-info files and bitmap a fresh clone does not have.
  if (fetched || seed.packs > 1 || !(await packIsExact(git)))
    await git(["-c", "repack.writeBitmaps=false", "repack", "-a", "-d", "-q", "-n"]);
  await git(["pack-refs", "--all"]);
  await rm(join(gitDir, "FETCH_HEAD"), { force: true });
  await removeEmptyRefFolders(join(gitDir, "refs"));
  return { fetched };
}
