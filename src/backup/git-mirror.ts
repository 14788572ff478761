// The backup's git mirror (git-repo/, a bare `git clone --mirror`). The
// manifest describes it by its refs: the count, and the SHA-256 of the sorted
// "sha refname" listing, which verify recomputes; objects are checked with
// git's own connectivity check.
//
// A backup folder may come from anyone, so git never runs inside the mirror
// (its config could set core.fsmonitor, hooks, protocols…). Every read goes
// through a scratch repository of our own: the mirror's ref files are copied
// into it and its objects are reached through one objects/info/alternates
// line. The mirror's config is never read by git. Before that, the layout is
// checked: a plain bare repository of files and folders, no symbolic links,
// no alternates of its own, no working tree.
import { createHash } from "node:crypto";
import { copyFile, lstat, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { runGit } from "../util/git.js";
import { makeScratchDir, removeScratchDir } from "../util/scratch-dir.js";

export const GIT_REPO_DIR = "git-repo";
/** The manifest key of the mirror (a folder, hence the slash). */
export const GIT_REPO_ENTRY = `${GIT_REPO_DIR}/`;
/** The wiki's mirror, kept and checked exactly like git-repo/. */
export const WIKI_REPO_DIR = "wiki-repo";
export const WIKI_REPO_ENTRY = `${WIKI_REPO_DIR}/`;
/** The folders holding a bare mirror, by manifest key. */
export const MIRROR_DIRS: ReadonlyMap<string, string> = new Map([
  [GIT_REPO_ENTRY, GIT_REPO_DIR],
  [WIKI_REPO_ENTRY, WIKI_REPO_DIR],
]);
/** Scratch repositories viewing a mirror (reads and pushes); swept when their process is gone (scratch-dir.ts). */
export const MIRROR_SCRATCH_PREFIX = "github-data-mirror-";

export interface MirrorSummary {
  file: string;
  records: number;
  bytes: number;
  sha256: string;
}

/** Entries that only a non-bare repository, a linked worktree or a borrowed object store has. */
const FOREIGN_ENTRIES: ReadonlyMap<string, string> = new Map([
  [".git", "is not a bare repository (it holds a .git folder)"],
  ["index", "is not a bare repository (it holds an index)"],
  ["commondir", "refers to another repository (commondir)"],
  ["gitdir", "refers to another repository (gitdir)"],
  ["objects/info/alternates", "borrows objects from elsewhere (objects/info/alternates)"],
  ["objects/info/http-alternates", "borrows objects from elsewhere (objects/info/http-alternates)"],
  ["reftable", "uses reftable ref storage, which is not supported"],
]);

/**
 * Why `gitDir` is not a plain bare mirror we may read (null when it is):
 * a symbolic link anywhere, a working tree, alternates, a non-bare config.
 */
export async function mirrorLayoutProblem(gitDir: string): Promise<string | null> {
  let info: Awaited<ReturnType<typeof lstat>>;
  try {
    info = await lstat(gitDir);
  } catch {
    return "missing";
  }
  if (info.isSymbolicLink()) return "is a symbolic link";
  if (!info.isDirectory()) return "not a folder";
  for (const entry of await readdir(gitDir, { withFileTypes: true, recursive: true })) {
    const rel = relative(gitDir, join(entry.parentPath, entry.name)).split("\\").join("/");
    if (entry.isSymbolicLink()) return `holds a symbolic link (${rel})`;
    const foreign = FOREIGN_ENTRIES.get(rel);
    if (foreign) return foreign;
    if (!entry.isFile() && !entry.isDirectory())
      return `holds something that is not a file or folder (${rel})`;
  }
  for (const needed of ["HEAD", "objects", "refs"]) {
    try {
      await lstat(join(gitDir, needed));
    } catch {
      return `is not a git repository (no ${needed})`;
    }
  }
  const config = await readFile(join(gitDir, "config"), "utf8").catch(() => "");
  if (/^\s*bare\s*=\s*false\s*$/im.test(config)) return "is not a bare repository (core.bare is false)";
  if (/^\s*worktree\s*=/im.test(config)) return "is not a bare repository (core.worktree is set)";
  return null;
}

/** A scratch repository reading the mirror's refs and objects; `close` removes it. */
export interface MirrorView {
  gitDir: string;
  close(): Promise<void>;
}

async function copyRefs(from: string, to: string): Promise<void> {
  await copyFile(join(from, "packed-refs"), join(to, "packed-refs")).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
  });
  const refs = join(from, "refs");
  for (const entry of await readdir(refs, { withFileTypes: true, recursive: true })) {
    const source = join(entry.parentPath, entry.name);
    const target = join(to, "refs", relative(refs, source));
    if (entry.isDirectory()) await mkdir(target, { recursive: true });
    else if (entry.isFile()) {
      await mkdir(resolve(target, ".."), { recursive: true });
      await copyFile(source, target);
    }
  }
}

/**
 * Opens a scratch view of the mirror at `gitDir`, after checking its layout
 * (throws with the problem). Git then runs only in the view, under our config.
 */
export async function openMirrorView(gitDir: string, signal?: AbortSignal): Promise<MirrorView> {
  const problem = await mirrorLayoutProblem(gitDir);
  if (problem) throw new Error(`${basename(gitDir)}/ ${problem}`);
  const config = await readFile(join(gitDir, "config"), "utf8").catch(() => "");
  const sha256 = /^\s*objectformat\s*=\s*sha256\s*$/im.test(config);
  const scratch = await makeScratchDir(MIRROR_SCRATCH_PREFIX);
  const close = () => removeScratchDir(scratch);
  try {
    await runGit(["init", "--bare", "--quiet", ...(sha256 ? ["--object-format=sha256"] : []), scratch], {
      signal,
    });
    await writeFile(join(scratch, "objects", "info", "alternates"), `${resolve(gitDir, "objects")}\n`);
    await copyRefs(gitDir, scratch);
  } catch (error) {
    await close();
    throw error;
  }
  return { gitDir: scratch, close };
}

/** Runs `fn` with a view of the mirror, removing it afterwards. */
export async function withMirrorView<T>(
  gitDir: string,
  signal: AbortSignal | undefined,
  fn: (view: MirrorView) => Promise<T>,
): Promise<T> {
  const view = await openMirrorView(gitDir, signal);
  try {
    return await fn(view);
  } finally {
    await view.close();
  }
}

function refListing(view: MirrorView): Promise<string> {
  return runGit(["for-each-ref", "--sort=refname", "--format=%(objectname) %(refname)"], {
    gitDir: view.gitDir,
  });
}

async function dirSize(path: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(path, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await lstat(join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export async function summarizeMirror(backupDir: string, dirName = GIT_REPO_DIR): Promise<MirrorSummary> {
  const gitDir = join(backupDir, dirName);
  const refs = await withMirrorView(gitDir, undefined, refListing);
  return {
    file: `${dirName}/`,
    records: refs.split("\n").filter(Boolean).length,
    bytes: await dirSize(gitDir),
    sha256: createHash("sha256").update(refs).digest("hex"),
  };
}

/** Problems with the mirror against its manifest entry (empty when intact). */
export async function checkMirror(
  backupDir: string,
  entry: { records?: number; sha256: string },
  dirName = GIT_REPO_DIR,
): Promise<string[]> {
  const gitDir = join(backupDir, dirName);
  const problem = await mirrorLayoutProblem(gitDir);
  if (problem === "missing") return ["listed in the manifest but missing"];
  if (problem === "not a folder") return ["listed in the manifest but not a folder"];
  if (problem) return [problem];
  const problems: string[] = [];
  try {
    await withMirrorView(gitDir, undefined, async (view) => {
      const refs = await refListing(view);
      const records = refs.split("\n").filter(Boolean).length;
      if (entry.records !== undefined && records !== entry.records) {
        problems.push(`ref count ${records} differs from the manifest's ${entry.records}`);
      }
      if (createHash("sha256").update(refs).digest("hex") !== entry.sha256) {
        problems.push("refs differ from the manifest");
      }
      await runGit(["fsck", "--connectivity-only", "--no-dangling", "--no-progress"], {
        gitDir: view.gitDir,
      });
    });
  } catch (error) {
    problems.push(`not a readable git repository: ${(error as Error).message}`);
  }
  return problems;
}
