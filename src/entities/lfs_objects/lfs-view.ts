// Runs the real git-lfs client for the backup's LFS objects, without trusting
// the backup or the repository's content. git-lfs runs (as `git lfs`) in the
// scratch view of git-repo/ (src/backup/git-mirror.ts), never in the mirror,
// and everything it writes — its object store, temporary and log files, which
// may quote its environment — lands in that scratch folder; only objects whose
// bytes hash to their oid are copied into the backup (save) or linked from it
// (restore). Its configuration comes from us: the LFS endpoint is set
// explicitly (a repository's `.lfsconfig` cannot redirect our token
// elsewhere; the view's HEAD also points at no commit, so git-lfs finds no
// `.lfsconfig` to read), and the token goes only to URLs under the
// repository's own git URL, never to the storage hosts the batch API names.
import { randomBytes } from "node:crypto";
import { copyFile, link, mkdir, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { withMirrorView } from "../../backup/git-mirror.js";
import { type LfsObject, lfsObjectPath, listLfsObjects, sha256OfFile } from "../../backup/lfs-objects.js";
import { type GitOptions, runGit } from "../../util/git.js";

export interface LfsAuth {
  authHeader: string;
  redact: (text: string) => string;
  signal?: AbortSignal;
}

/** The scratch repository git-lfs runs in, with its own object store. */
export interface LfsView {
  gitDir: string;
  /** git-lfs's object folder (`<storage>/objects`). */
  objectsDir: string;
  /** Runs `git lfs <args>` against the repository at `url` (its clone URL). */
  lfs(
    args: string[],
    url: string,
    auth: LfsAuth,
    config?: ReadonlyArray<readonly [string, string]>,
  ): Promise<string>;
}

/** Why LFS objects cannot be handled here, for the report. */
export const GIT_LFS_MISSING =
  "git-lfs is not installed (Debian/Ubuntu: apt-get install git-lfs; elsewhere see https://git-lfs.com)";

let available: Promise<boolean> | undefined;

/** Whether `git lfs` runs on this machine (asked once). */
export function gitLfsAvailable(): Promise<boolean> {
  available ??= runGit(["lfs", "version"]).then(
    () => true,
    () => false,
  );
  return available;
}

/**
 * git-lfs is a Go program whose scan of every ref's history (`fetch --all`)
 * allocates briskly: at Go's default GOGC=100 about half its CPU goes to
 * garbage collection. GOGC=200 lets its heap grow to 3× what is live before a
 * collection, which cuts its CPU by about a third for some megabytes more.
 */
const LFS_ENV = { GOGC: "200" } as const;

/** The LFS endpoint GitHub serves next to a clone URL. */
export function lfsEndpoint(url: string): string {
  return `${url.replace(/\/+$/, "")}/info/lfs`;
}

/** Opens the view of `mirrorDir` for the duration of `fn`. */
export function withLfsView<T>(
  mirrorDir: string,
  signal: AbortSignal | undefined,
  fn: (view: LfsView) => Promise<T>,
): Promise<T> {
  return withMirrorView(mirrorDir, signal, async (mirror) => {
    // No commit: git-lfs reads no .lfsconfig from the repository's content.
    await writeFile(join(mirror.gitDir, "HEAD"), "ref: refs/github-data/none\n");
    const storage = join(mirror.gitDir, "lfs-storage");
    const view: LfsView = {
      gitDir: mirror.gitDir,
      objectsDir: join(storage, "objects"),
      lfs: (args, url, auth, config = []) => {
        const endpoint = lfsEndpoint(url);
        const options: GitOptions = {
          gitDir: mirror.gitDir,
          authHeader: auth.authHeader,
          authScope: url,
          redact: auth.redact,
          config: [
            ["lfs.url", endpoint],
            ["lfs.pushurl", endpoint],
            ["lfs.storage", storage],
            ["lfs.fetchinclude", ""],
            ["lfs.fetchexclude", ""],
            ["lfs.locksverify", "false"],
            ["lfs.standalonetransferagent", ""],
            ["lfs.tustransfers", "false"],
            ...config,
          ],
          env: LFS_ENV,
          ...(auth.signal ? { signal: auth.signal } : {}),
        };
        return runGit(["lfs", ...args], options);
      },
    };
    return fn(view);
  });
}

/**
 * Puts the objects of `from` that hash to their oid into `to` (git-lfs's
 * layout), skipping those already there; each appears under its final name
 * only when complete. A hard link where possible, a copy otherwise.
 * Returns the oids placed and those refused for a wrong hash.
 */
export async function placeVerifiedObjects(
  from: string,
  to: string,
  options: { move?: boolean; signal?: AbortSignal } = {},
): Promise<{ placed: string[]; corrupt: string[] }> {
  const { objects } = await listLfsObjects(from);
  const present = new Set((await listLfsObjects(to)).objects.map((o) => o.oid));
  const placed: string[] = [];
  const corrupt: string[] = [];
  for (const object of objects) {
    options.signal?.throwIfAborted();
    if (present.has(object.oid)) continue;
    if ((await sha256OfFile(object.path)) !== object.oid) {
      corrupt.push(object.oid);
      continue;
    }
    await placeObject(object, lfsObjectPath(to, object.oid), options.move ?? false);
    placed.push(object.oid);
  }
  return { placed, corrupt };
}

async function placeObject(object: LfsObject, target: string, move: boolean): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.tmp-${randomBytes(6).toString("hex")}`;
  try {
    if (move) await rename(object.path, temp);
    else await link(object.path, temp);
  } catch {
    await copyFile(object.path, temp);
  }
  await rename(temp, target);
}
